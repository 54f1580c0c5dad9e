create table public.projects (id bigint primary key);
create table public.tasks (
  id bigint primary key,
  project_id bigint not null references public.projects (id)
);
