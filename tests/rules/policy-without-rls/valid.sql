create table public.notes (id bigint primary key, user_id uuid, body text);
alter table public.notes enable row level security;
create policy notes_own on public.notes for select to authenticated using (user_id = (select auth.uid()));

-- Enabled after the policy.
create table public.tasks (id bigint primary key, user_id uuid);
create policy tasks_own on public.tasks for select to authenticated using (user_id = (select auth.uid()));
alter table public.tasks enable row level security;

-- Disabled, then enabled again.
create table public.items (id bigint primary key, user_id uuid);
alter table public.items enable row level security;
create policy items_own on public.items for select to authenticated using (user_id = (select auth.uid()));
alter table public.items disable row level security;
alter table public.items enable row level security;

-- Not a schema the Data API serves.
create schema if not exists private;
create table private.jobs (id bigint primary key);
create policy jobs_service on private.jobs for all to service_role using (true);

-- A table the history does not create: its row-level security is not known.
create policy avatars_read on storage.objects for select to authenticated using (bucket_id = 'avatars');

-- No policy: rls-enabled's business.
create table public.open (id bigint primary key);

-- The policy is dropped again.
create table public.scratch (id bigint primary key);
create policy scratch_all on public.scratch for all to authenticated using (true);
drop policy scratch_all on public.scratch;
