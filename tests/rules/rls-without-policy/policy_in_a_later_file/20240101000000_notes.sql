create table public.notes (id bigint primary key, user_id uuid);
alter table public.notes enable row level security;
