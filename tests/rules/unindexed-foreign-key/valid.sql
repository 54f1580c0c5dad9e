create table public.projects (id bigint generated always as identity primary key);

create table public.tasks (
  id bigint generated always as identity primary key,
  project_id bigint not null references public.projects (id) on delete cascade,
  owner_id uuid references auth.users (id)
);
create index tasks_project_id_idx on public.tasks (project_id);
-- An index whose leading column is the key's covers it.
create index tasks_owner_id_id_idx on public.tasks (owner_id, id);

-- The primary key's leading column covers the key.
create table public.memberships (
  project_id bigint not null references public.projects (id),
  user_id uuid not null,
  primary key (project_id, user_id)
);

-- So does a unique constraint.
create table public.profiles (user_id uuid unique references auth.users (id));

-- A two-column key and an index on the same columns in the same order.
create table public.task_pairs (a bigint, b bigint, unique (a, b));
create table public.task_links (from_task bigint not null, to_task bigint not null, note text);
create index task_links_from_to_idx on public.task_links (from_task, to_task, note);
alter table public.task_links add constraint task_links_pair_fkey foreign key (from_task, to_task) references public.task_pairs (a, b);

-- Not in an exposed schema.
create schema if not exists private;
create table private.audit (id bigint primary key, task_id bigint references public.tasks (id));

-- Dropped later: nothing is left to index.
create table public.scratch (task_id bigint references public.tasks (id));
drop table public.scratch;
