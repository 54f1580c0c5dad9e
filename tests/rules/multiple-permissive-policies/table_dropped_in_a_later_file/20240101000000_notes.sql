create table public.notes (id bigint primary key, user_id uuid, is_shared boolean);
alter table public.notes enable row level security;
create policy notes_own on public.notes for select to authenticated using (user_id = (select auth.uid()));
create policy notes_shared on public.notes for select to authenticated using (is_shared);
