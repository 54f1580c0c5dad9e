-- The history never creates `public.is_super_admin`: the project has no super admin.
create policy notes_read on public.notes for select to authenticated using ((select auth.uid()) = user_id);
