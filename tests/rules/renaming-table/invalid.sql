alter table public.todos rename to tasks; -- expect: renaming-table
alter table if exists todos_archive rename to tasks_archive; -- expect: renaming-table
