drop table if exists public.notes;
