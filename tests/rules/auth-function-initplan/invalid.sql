create policy a on public.notes for select to authenticated using (auth.uid() = user_id); -- replaced by the ALTER POLICY below, which is judged instead
create policy b on public.notes for update to authenticated using (user_id = auth.uid()) with check (user_id = auth.uid()); -- expect: auth-function-initplan
create policy c on public.notes for select to authenticated
  using (exists (select 1 from public.members m where m.user_id = auth.uid() and m.team_id = team_id)); -- expect: auth-function-initplan
create policy d on public.notes for select to authenticated using ((auth.jwt() ->> 'role') = 'admin'); -- expect: auth-function-initplan
create policy e on public.notes for select to authenticated using (current_setting('app.tenant')::uuid = tenant_id); -- expect: auth-function-initplan
CREATE POLICY f ON public.notes FOR SELECT TO authenticated USING ("auth"."uid"() = user_id); -- expect: auth-function-initplan
alter policy a on public.notes using (auth.uid() = owner_id); -- expect: auth-function-initplan
