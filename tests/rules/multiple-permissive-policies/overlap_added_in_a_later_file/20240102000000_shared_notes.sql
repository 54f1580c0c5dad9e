create policy notes_shared on public.notes for select to authenticated using (is_shared); -- expect: multiple-permissive-policies
