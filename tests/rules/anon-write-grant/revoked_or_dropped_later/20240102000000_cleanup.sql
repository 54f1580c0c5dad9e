-- Taken back: the grants above no longer hold at the end of the history.
revoke insert, update on public.notes from anon;
drop table if exists public.drafts;
-- Only part of it: anon can still delete from public.logs.
revoke select on public.logs from anon;
