create or replace function public.is_super_admin() returns boolean language sql stable set search_path = '' as $$ select false $$;
create policy notes_read on public.notes for select to authenticated using ((select auth.uid()) = user_id);
create policy notes_admin on public.notes for select to authenticated using ((select public.is_super_admin()));
create policy tasks_read on public.tasks for select to authenticated
  using ((select auth.uid()) = user_id or is_super_admin());
-- Not exposed through the Data API.
create policy internal_read on private.jobs for select to authenticated using (true);
