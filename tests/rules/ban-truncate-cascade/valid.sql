truncate table public.sessions, public.accounts;
truncate public.logs restrict;
