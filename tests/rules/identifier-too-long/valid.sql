create index if not exists org_memberships_org_user_role_created_idx on public.m (a);
create table if not exists public.table_very_long_very_long_very_long_very_long_very_long_very_lo (id bigint);
comment on table public.m is 'A comment may be longer than sixty-three bytes without any problem at all, really.';
drop policy if exists "Members of the organization can read every project of the organization" on public.projects;
