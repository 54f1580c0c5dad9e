create policy a on public.notes for insert to authenticated with check (true); -- expect: no-permissive-true
create policy b on public.notes for update to anon using (true); -- expect: no-permissive-true
create policy c on public.notes for all using ((true)); -- expect: no-permissive-true
create policy d on public.notes for delete to authenticated, service_role using (TRUE); -- expect: no-permissive-true
create policy e on public.notes for update to authenticated using (user_id = (select auth.uid()));
alter policy e on public.notes using (true); -- expect: no-permissive-true
