create table public.notes (id bigint primary key, user_id uuid, body text);
alter table public.notes enable row level security;
create policy notes_own on public.notes for select to authenticated using (user_id = (select auth.uid()));

-- No API role holds a privilege on it: closed on purpose.
create table public.audit_log (id bigint primary key, event text);
alter table public.audit_log enable row level security;
revoke all on public.audit_log from anon, authenticated;

-- Row-level security off: rls-enabled's business.
create table public.open (id bigint primary key);

-- Not a schema the Data API serves.
create schema if not exists private;
create table private.jobs (id bigint primary key);
alter table private.jobs enable row level security;

-- Dropped and re-created: one live policy.
create table public.tasks (id bigint primary key, user_id uuid);
alter table public.tasks enable row level security;
create policy tasks_own on public.tasks for all to authenticated using (user_id = (select auth.uid()));
drop policy if exists tasks_own on public.tasks;
create policy tasks_own on public.tasks for all to authenticated using (user_id = (select auth.uid()));
