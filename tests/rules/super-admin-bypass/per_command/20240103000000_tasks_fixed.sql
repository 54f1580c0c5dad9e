alter policy tasks_update on public.tasks
  using ((select auth.uid()) = user_id or (select public.is_super_admin()));
create policy tasks_read on public.tasks for select to authenticated using (true);
