create or replace function public.is_member_of(org uuid) returns boolean
  language sql stable security definer set search_path = ''
  as $$ select exists (select 1 from public.members m where m.org_id = org and m.user_id = (select auth.uid())) $$;
alter policy members_read on public.members using ((select public.is_member_of(org_id)));
