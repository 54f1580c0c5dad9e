create table if not exists public.jobs (id bigint primary key);
create table if not exists public.notes (id bigint primary key); -- expect: rls-enabled
