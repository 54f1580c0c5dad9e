create table public.projects (id bigint generated always as identity primary key);

create table public.tasks (
  id bigint generated always as identity primary key,
  project_id bigint not null references public.projects (id) on delete cascade, -- expect: unindexed-foreign-key
  owner_id uuid references auth.users (id) -- expect: unindexed-foreign-key
);

-- The primary key starts with another column, so it does not cover the key.
create table public.memberships (
  project_id bigint not null,
  user_id uuid not null,
  primary key (user_id, project_id),
  foreign key (project_id) references public.projects (id) -- expect: unindexed-foreign-key
);

-- A two-column key added by ALTER TABLE, and an index on its columns in the other order.
create table public.task_pairs (a bigint, b bigint, unique (a, b));
create table public.task_links (from_task bigint not null, to_task bigint not null);
create index task_links_to_from_idx on public.task_links (to_task, from_task);
alter table public.task_links add constraint task_links_pair_fkey foreign key (from_task, to_task) references public.task_pairs (a, b); -- expect: unindexed-foreign-key
