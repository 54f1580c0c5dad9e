create table public.members (org_id uuid not null, user_id uuid not null);
alter table public.members enable row level security;
create policy members_read on public.members for select to authenticated -- expect: policy-recursion
  using (org_id in (select m.org_id from public.members m where m.user_id = (select auth.uid())));

-- An INSERT check that reads its own table, whose SELECT policy holds a subquery.
create table public.teams (id uuid not null, user_id uuid not null);
alter table public.teams enable row level security;
create policy teams_read on public.teams for select to authenticated
  using (user_id = (select auth.uid()));
create policy teams_invite on public.teams for insert to authenticated -- expect: policy-recursion
  with check (exists (select 1 from public.teams t where t.id = teams.id and t.user_id = (select auth.uid())));

-- A cycle through two tables.
create table public.projects (id uuid primary key);
create table public.tasks (id bigint primary key, project_id uuid not null);
alter table public.projects enable row level security;
alter table public.tasks enable row level security;
create policy projects_read on public.projects for select to authenticated -- expect: policy-recursion
  using (exists (select 1 from public.tasks t where t.project_id = projects.id));
create policy tasks_read on public.tasks for select to authenticated -- expect: policy-recursion
  using (exists (select 1 from public.projects p where p.id = tasks.project_id));
