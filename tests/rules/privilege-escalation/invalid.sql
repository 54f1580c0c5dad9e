-- A profile's admin flag, which another table's policy trusts.
create table public.profiles (id uuid primary key, name text, is_admin boolean not null default false);
alter table public.profiles enable row level security;
create policy profiles_update on public.profiles for update to authenticated -- expect: privilege-escalation
  using (id = (select auth.uid()));
create table public.reports (id bigint primary key);
alter table public.reports enable row level security;
create policy reports_admin on public.reports for select to authenticated
  using (exists (select 1 from public.profiles p where p.id = (select auth.uid()) and p.is_admin));

-- A membership that only ties the new row to the caller: anyone joins any organisation.
create table public.members (org_id uuid not null, user_id uuid not null);
alter table public.members enable row level security;
create policy members_join on public.members for insert to authenticated -- expect: privilege-escalation
  with check (user_id = (select auth.uid()));
create table public.documents (id bigint primary key, org_id uuid not null);
alter table public.documents enable row level security;
create policy documents_read on public.documents for select to authenticated
  using (org_id in (select m.org_id from public.members m where m.user_id = (select auth.uid())));

-- A role read by an authorization function, which members may update on their own row;
-- the USING clause stands in for the missing WITH CHECK and does not mention `role`.
create table public.memberships (account_id uuid not null, user_id uuid not null, role text not null);
alter table public.memberships enable row level security;
create function public.has_role_on_account(account uuid, wanted text) returns boolean
  language sql stable security definer set search_path = ''
  as $$ select exists (select 1 from public.memberships m
    where m.account_id = account and m.user_id = (select auth.uid()) and m.role = wanted) $$;
create policy memberships_update on public.memberships for all to authenticated -- expect: privilege-escalation
  using (user_id = (select auth.uid()));
create table public.invoices (id bigint primary key, account_id uuid not null);
alter table public.invoices enable row level security;
create policy invoices_owner on public.invoices for select to authenticated
  using (public.has_role_on_account(account_id, 'owner'));
