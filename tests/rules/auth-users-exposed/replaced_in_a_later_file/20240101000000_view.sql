create table public.profiles (id uuid primary key, username text);
create or replace view public.members as select p.id, p.username, u.email from public.profiles p join auth.users u on u.id = p.id;
