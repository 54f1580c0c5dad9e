create or replace view public.member_emails as select id, email from auth.users;
revoke all on public.member_emails from anon, authenticated;
