create table public.notes (id bigint primary key, user_id uuid, is_shared boolean);
alter table public.notes enable row level security;
create policy notes_own on public.notes for select to authenticated using (user_id = (select auth.uid()));
create policy notes_shared on public.notes for select to authenticated using (is_shared); -- expect: multiple-permissive-policies

-- FOR ALL counts for SELECT.
create table public.tasks (id bigint primary key, user_id uuid);
alter table public.tasks enable row level security;
create policy tasks_read on public.tasks for select to authenticated using (true);
create policy tasks_write on public.tasks for all to authenticated using (user_id = (select auth.uid())); -- expect: multiple-permissive-policies

-- A policy without TO applies to every role, anon included.
create table public.items (id bigint primary key);
alter table public.items enable row level security;
create policy items_anon on public.items for select to anon using (true);
create policy items_everyone on public.items for select using (true); -- expect: multiple-permissive-policies

-- The ALTER POLICY that gives a policy a second role makes the overlap.
create table public.posts (id bigint primary key, is_draft boolean);
alter table public.posts enable row level security;
create policy posts_public on public.posts for select to anon using (not is_draft);
create policy posts_members on public.posts for select to authenticated using (true);
alter policy posts_public on public.posts to anon, authenticated; -- expect: multiple-permissive-policies

-- Three policies: the second and the third each overlap what came before.
create table public.events (id bigint primary key, owner_id uuid, is_public boolean);
alter table public.events enable row level security;
create policy events_public on public.events for select to authenticated using (is_public);
create policy events_own on public.events for select to authenticated using (owner_id = (select auth.uid())); -- expect: multiple-permissive-policies
create policy events_admin on public.events for select to authenticated using ((select public.is_admin())); -- expect: multiple-permissive-policies
