\echo x \\ grant all on all tables in schema public to anon;
\set v 1create table public.hidden (id int);
