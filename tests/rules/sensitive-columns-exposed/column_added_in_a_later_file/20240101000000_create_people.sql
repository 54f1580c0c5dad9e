create table public.people (id bigint primary key, name text);
