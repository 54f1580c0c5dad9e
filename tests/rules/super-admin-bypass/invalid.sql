create or replace function public.is_super_admin() returns boolean language sql stable set search_path = '' as $$ select false $$;
create policy notes_read on public.notes for select to authenticated using ((select auth.uid()) = user_id); -- expect: super-admin-bypass
create policy notes_update on public.notes for update to authenticated using ((select auth.uid()) = user_id); -- expect: super-admin-bypass
create policy avatars_read on storage.objects for select to authenticated using (bucket_id = 'avatars'); -- expect: super-admin-bypass
-- The admin policy is dropped later, so it no longer admits anyone.
create policy tasks_read on public.tasks for select to authenticated using ((select auth.uid()) = user_id); -- expect: super-admin-bypass
create policy tasks_admin on public.tasks for select to authenticated using ((select public.is_super_admin()));
drop policy tasks_admin on public.tasks;
