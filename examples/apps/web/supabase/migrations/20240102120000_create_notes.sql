-- Migration: create public.notes
-- Private notes: each note belongs to one account, and only its owner (or a
-- super admin) can see or change it.

create table if not exists public.notes (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references public.accounts (id) on delete cascade,
    title text not null,
    body text not null default '',
    created_at timestamptz not null default now()
);

create index if not exists notes_user_id_idx on public.notes (user_id);

alter table public.notes enable row level security;

revoke all on public.notes from anon, authenticated, service_role;
grant select, insert, update, delete on public.notes to authenticated;
grant select, insert, update, delete on public.notes to service_role;

drop policy if exists notes_read on public.notes;
create policy notes_read on public.notes
    for select
    to authenticated
    using ((select auth.uid()) = user_id or public.is_super_admin());

drop policy if exists notes_insert on public.notes;
create policy notes_insert on public.notes
    for insert
    to authenticated
    with check ((select auth.uid()) = user_id or public.is_super_admin());

drop policy if exists notes_update on public.notes;
create policy notes_update on public.notes
    for update
    to authenticated
    using ((select auth.uid()) = user_id or public.is_super_admin())
    with check ((select auth.uid()) = user_id or public.is_super_admin());

drop policy if exists notes_delete on public.notes;
create policy notes_delete on public.notes
    for delete
    to authenticated
    using ((select auth.uid()) = user_id or public.is_super_admin());
