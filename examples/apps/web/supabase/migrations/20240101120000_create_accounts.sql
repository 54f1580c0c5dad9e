-- Migration: create public.accounts
-- One account per user, created when the user signs up. Users read and update
-- their own account; super admins read and update every account.

create table if not exists public.accounts (
    id uuid primary key references auth.users (id) on delete cascade,
    name text not null,
    email text,
    picture_url text,
    created_at timestamptz not null default now()
);

comment on table public.accounts is 'One account per user, created on sign-up.';

alter table public.accounts enable row level security;

revoke all on public.accounts from anon, authenticated, service_role;
grant select, update on public.accounts to authenticated;
grant select, insert, update, delete on public.accounts to service_role;

drop policy if exists accounts_read on public.accounts;
create policy accounts_read on public.accounts
    for select
    to authenticated
    using ((select auth.uid()) = id or public.is_super_admin());

drop policy if exists accounts_update on public.accounts;
create policy accounts_update on public.accounts
    for update
    to authenticated
    using ((select auth.uid()) = id or public.is_super_admin())
    with check ((select auth.uid()) = id or public.is_super_admin());

-- Creates the account of each new user. A trigger function: nobody calls it directly.
create or replace function public.handle_new_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
    insert into public.accounts (id, name, email)
    values (new.id, coalesce(new.email, ''), new.email);
    return new;
end;
$$;

revoke execute on function public.handle_new_user() from public, anon, authenticated;

drop trigger if exists on_auth_user_created on auth.users;
create trigger on_auth_user_created
    after insert on auth.users
    for each row
    execute function public.handle_new_user();
