create policy p_insert_using on public.notes for insert to authenticated using (true); -- expect: policy-clauses
create policy p_select_check on public.notes for select to authenticated with check (true); -- expect: policy-clauses
create policy p_delete_check on public.notes for delete to authenticated
  using (true)
  with check (true); -- expect: policy-clauses
create policy p_insert_nothing on public.notes for insert to authenticated; -- expect: policy-clauses
create policy p_select_nothing on public.notes for select to authenticated; -- expect: policy-clauses
create policy p_update_check_only on public.notes for update to authenticated with check (true); -- expect: policy-clauses
create policy p_insert_ok on public.notes for insert to authenticated with check (true);
alter policy p_insert_ok on public.notes using (true); -- expect: policy-clauses
