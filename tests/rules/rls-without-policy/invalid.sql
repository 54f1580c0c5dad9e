create table public.notes (id bigint primary key, user_id uuid, body text);
alter table public.notes enable row level security; -- expect: rls-without-policy

-- The last policy is dropped.
create table public.tasks (id bigint primary key, user_id uuid);
alter table public.tasks enable row level security;
create policy tasks_own on public.tasks for all to authenticated using (user_id = (select auth.uid()));
drop policy tasks_own on public.tasks; -- expect: rls-without-policy

-- Supabase's defaults revoked, then granted back to authenticated.
create table public.items (id bigint primary key);
alter table public.items enable row level security; -- expect: rls-without-policy
revoke all on public.items from anon, authenticated, service_role;
grant select on public.items to authenticated;
