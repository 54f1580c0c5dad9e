-- The admin can read every note but not change them: UPDATE and DELETE stay closed to them.
create policy notes_admin_read on public.notes for select to authenticated
  using ((select public.is_super_admin()));
create policy notes_all on public.notes for all to authenticated -- expect: super-admin-bypass
  using ((select auth.uid()) = user_id);
-- Only the service role: no super admin signs in as it.
create policy notes_service on public.notes for delete to service_role using (true);
