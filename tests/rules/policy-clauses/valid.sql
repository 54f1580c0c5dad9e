create policy p_insert on public.notes for insert to authenticated with check ((select auth.uid()) = user_id);
create policy p_select on public.notes for select to authenticated using ((select auth.uid()) = user_id);
create policy p_update on public.notes for update to authenticated using (true) with check (true);
create policy p_all on public.notes for all to authenticated using (true);
-- service_role bypasses row-level security: its policies are never consulted.
create policy p_service on public.notes for all to service_role;
-- A later ALTER POLICY supplies the missing clause.
create policy p_later on public.notes for insert to authenticated;
alter policy p_later on public.notes with check ((select auth.uid()) = user_id);
