create policy notes_read on public.notes for select -- expect: policy-roles
  using ((select auth.uid()) = user_id);
CREATE POLICY "Users update own notes" ON "public"."notes" FOR UPDATE USING (("auth"."uid"() = "user_id")); -- expect: policy-roles
do $$
begin
  if not exists (select 1 from pg_policies where policyname = 'notes_delete') then
    create policy notes_delete on public.notes for delete using (true); -- expect: policy-roles
  end if;
end $$;
