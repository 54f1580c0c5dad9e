create table public.projects (id bigint primary key);
create table public.tasks (
  id bigint primary key,
  project_id bigint not null references public.projects (id) -- expect: unindexed-foreign-key
);
create index tasks_project_id_idx on public.tasks (project_id);
