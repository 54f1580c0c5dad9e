-- Public reads are a choice, not a hole.
create policy a on public.notes for select to anon using (true);
-- service_role bypasses row-level security anyway.
create policy b on public.notes for insert to service_role with check (true);
-- Restrictive policies only narrow access.
create policy c on public.notes as restrictive for update to authenticated using (true);
create policy d on public.notes for insert to authenticated with check (true and user_id = (select auth.uid()));
create policy e on public.notes for insert to authenticated with check ('true' = 'true');
