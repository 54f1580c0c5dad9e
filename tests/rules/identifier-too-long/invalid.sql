create index if not exists organization_memberships_organization_id_user_id_role_created_at_idx on public.m (a); -- expect: identifier-too-long
create policy "Members of the organization can read every project of the organization" on public.projects for select to authenticated using (true); -- expect: identifier-too-long
alter table public.t add column if not exists "ééééééééééééééééééééééééééééééééé" text; -- expect: identifier-too-long
