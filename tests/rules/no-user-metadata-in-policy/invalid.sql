create policy a on public.notes for select to authenticated using ((select auth.jwt()) -> 'user_metadata' ->> 'role' = 'admin'); -- expect: no-user-metadata-in-policy
create policy b on public.notes for select to authenticated
  using (exists (select 1 from auth.users u where u.id = (select auth.uid()) and u.raw_user_meta_data ->> 'team' = team)); -- expect: no-user-metadata-in-policy
create policy c on public.notes for select to authenticated using ((select auth.jwt()) #>> '{user_metadata,role}' = 'admin'); -- replaced by the ALTER POLICY below, which is judged instead
alter policy c on public.notes using ((auth.jwt() -> 'user_metadata' ->> 'tenant')::uuid = tenant_id); -- expect: no-user-metadata-in-policy
