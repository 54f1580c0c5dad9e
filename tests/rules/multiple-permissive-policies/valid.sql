create table public.notes (id bigint primary key, user_id uuid, is_shared boolean);
alter table public.notes enable row level security;

-- One policy per command.
create policy notes_read on public.notes for select to authenticated using (user_id = (select auth.uid()) or is_shared);
create policy notes_insert on public.notes for insert to authenticated with check (user_id = (select auth.uid()));
create policy notes_update on public.notes for update to authenticated using (user_id = (select auth.uid()));
create policy notes_delete on public.notes for delete to authenticated using (user_id = (select auth.uid()));

-- One policy per role.
create table public.posts (id bigint primary key, is_draft boolean);
alter table public.posts enable row level security;
create policy posts_anon on public.posts for select to anon using (not is_draft);
create policy posts_members on public.posts for select to authenticated using (true);

-- A restrictive policy narrows what the permissive one admits; it adds no OR branch.
create table public.tasks (id bigint primary key, user_id uuid, is_deleted boolean);
alter table public.tasks enable row level security;
create policy tasks_own on public.tasks for select to authenticated using (user_id = (select auth.uid()));
create policy tasks_not_deleted on public.tasks as restrictive for select to authenticated using (not is_deleted);

-- service_role bypasses row-level security: its policies are never evaluated.
create table public.jobs (id bigint primary key);
alter table public.jobs enable row level security;
create policy jobs_service_read on public.jobs for select to service_role using (true);
create policy jobs_service_all on public.jobs for all to service_role using (true);

-- One policy per bucket on storage.objects is the documented pattern.
create policy avatars_read on storage.objects for select to authenticated using (bucket_id = 'avatars');
create policy documents_read on storage.objects for select to authenticated using (bucket_id = 'documents');

-- Dropped and re-created under the same name: one live policy.
drop policy if exists notes_read on public.notes;
create policy notes_read on public.notes for select to authenticated using (user_id = (select auth.uid()));

-- Dropped, then replaced by a policy with another name.
create table public.items (id bigint primary key);
alter table public.items enable row level security;
create policy items_old on public.items for select to authenticated using (true);
drop policy items_old on public.items;
create policy items_new on public.items for select to authenticated using (true);
