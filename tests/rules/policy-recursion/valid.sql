-- A SECURITY DEFINER function reads the table as its owner: no cycle.
create table public.members (org_id uuid not null, user_id uuid not null);
alter table public.members enable row level security;
create function public.is_member_of(org uuid) returns boolean
  language sql stable security definer set search_path = ''
  as $$ select exists (select 1 from public.members m where m.org_id = org and m.user_id = (select auth.uid())) $$;
create policy members_read on public.members for select to authenticated
  using ((select public.is_member_of(org_id)));

-- The SELECT policy holds no subquery, so the INSERT check's read is not expanded again.
create table public.teams (id uuid not null, user_id uuid not null);
alter table public.teams enable row level security;
create policy teams_read on public.teams for select to authenticated using (user_id = auth.uid());
create policy teams_invite on public.teams for insert to authenticated
  with check (exists (select 1 from public.teams t where t.id = teams.id and t.user_id = (select auth.uid())));

-- Reads of a table without row-level security expand nothing.
create table public.projects (id uuid primary key);
create table public.tasks (id bigint primary key, project_id uuid not null);
alter table public.tasks enable row level security;
create policy tasks_read on public.tasks for select to authenticated
  using (exists (select 1 from public.projects p where p.id = tasks.project_id));
