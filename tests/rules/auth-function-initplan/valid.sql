create policy a on public.notes for select to authenticated using ((select auth.uid()) = user_id);
create policy b on public.notes for select to authenticated using ((select auth.jwt() ->> 'role') = 'admin');
create policy c on public.notes for select to authenticated using (user_id in (select auth.uid()));
create policy d on public.notes for select to authenticated using (public.is_member(team_id));
create policy e on public.notes for select to authenticated
  using (team_id in (select team_id from public.members where user_id = (select auth.uid())));
-- `auth.uid` as a column name is no call.
create policy f on public.notes for select to authenticated using (auth_uid = user_id);
