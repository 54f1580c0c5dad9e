create table public.members (org_id uuid not null, user_id uuid not null);
alter table public.members enable row level security;
create policy members_read on public.members for select to authenticated
  using (org_id in (select m.org_id from public.members m where m.user_id = (select auth.uid())));
