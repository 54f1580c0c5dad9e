create policy a on public.notes for select to authenticated using ((select auth.jwt()) -> 'app_metadata' ->> 'role' = 'admin');
create policy b on public.notes for select to authenticated using (source = 'user_metadata');
create policy c on public.notes for select to authenticated using ((select auth.uid()) = user_id);
