drop view if exists public.members;
create or replace view public.members as select p.id, p.username from public.profiles p;
