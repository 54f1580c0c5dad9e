-- Column grants: users change their name, not the flag.
create table public.profiles (id uuid primary key, name text, is_admin boolean not null default false);
alter table public.profiles enable row level security;
revoke update on public.profiles from authenticated;
grant update (name) on public.profiles to authenticated;
create policy profiles_update on public.profiles for update to authenticated
  using (id = (select auth.uid()));
create table public.reports (id bigint primary key);
alter table public.reports enable row level security;
create policy reports_admin on public.reports for select to authenticated
  using (exists (select 1 from public.profiles p where p.id = (select auth.uid()) and p.is_admin));

-- Only owners add members: the check names the organisation.
create table public.members (org_id uuid not null, user_id uuid not null);
alter table public.members enable row level security;
create function public.is_org_owner(org uuid) returns boolean
  language sql stable security definer set search_path = ''
  as $$ select false $$;
create policy members_join on public.members for insert to authenticated
  with check (public.is_org_owner(org_id));
create table public.documents (id bigint primary key, org_id uuid not null);
alter table public.documents enable row level security;
create policy documents_read on public.documents for select to authenticated
  using (org_id in (select m.org_id from public.members m where m.user_id = (select auth.uid())));

-- A WITH CHECK that keeps the role, and a BEFORE UPDATE trigger on another table.
create table public.memberships (account_id uuid not null, user_id uuid not null, role text not null);
alter table public.memberships enable row level security;
create function public.has_role_on_account(account uuid, wanted text) returns boolean
  language sql stable security definer set search_path = ''
  as $$ select exists (select 1 from public.memberships m
    where m.account_id = account and m.user_id = (select auth.uid()) and m.role = wanted) $$;
create policy memberships_update on public.memberships for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and role = 'member' and account_id is not null);
create table public.invoices (id bigint primary key, account_id uuid not null);
alter table public.invoices enable row level security;
create policy invoices_owner on public.invoices for select to authenticated
  using (public.has_role_on_account(account_id, 'owner'));

create table public.staff (user_id uuid primary key, level int not null default 0);
alter table public.staff enable row level security;
create policy staff_update on public.staff for update to authenticated using (user_id = (select auth.uid()));
create function public.keep_level() returns trigger language plpgsql set search_path = ''
  as $$ begin new.level = old.level; return new; end $$;
create trigger staff_keep_level before update on public.staff
  for each row execute function public.keep_level();
create table public.payroll (id bigint primary key);
alter table public.payroll enable row level security;
create policy payroll_read on public.payroll for select to authenticated
  using (exists (select 1 from public.staff s where s.user_id = (select auth.uid()) and s.level > 2));
