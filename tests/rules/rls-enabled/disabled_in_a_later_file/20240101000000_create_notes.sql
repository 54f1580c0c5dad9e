create table if not exists public.notes (id bigint primary key); -- expect: rls-enabled
alter table public.notes enable row level security;
