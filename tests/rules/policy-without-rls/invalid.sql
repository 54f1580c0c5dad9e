create table public.notes (id bigint primary key, user_id uuid, body text);
create policy notes_own on public.notes for select to authenticated using (user_id = (select auth.uid())); -- expect: policy-without-rls
create policy notes_insert on public.notes for insert to authenticated with check (user_id = (select auth.uid()));

-- Enabled, then disabled after the policies were written.
create table public.tasks (id bigint primary key, user_id uuid);
alter table public.tasks enable row level security;
create policy tasks_own on public.tasks for all to authenticated using (user_id = (select auth.uid()));
alter table public.tasks disable row level security; -- expect: policy-without-rls

-- Renamed: the policy follows the table.
create table public.drafts (id bigint primary key, user_id uuid);
create policy drafts_own on public.drafts for select to authenticated using (user_id = (select auth.uid())); -- expect: policy-without-rls
alter table public.drafts rename to documents;
