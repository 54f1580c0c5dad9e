drop index if exists public.tasks_project_id_idx;
