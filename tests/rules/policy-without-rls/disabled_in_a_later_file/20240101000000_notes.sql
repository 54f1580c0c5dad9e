create table public.notes (id bigint primary key, user_id uuid);
alter table public.notes enable row level security;
create policy notes_own on public.notes for select to authenticated using (user_id = (select auth.uid()));
