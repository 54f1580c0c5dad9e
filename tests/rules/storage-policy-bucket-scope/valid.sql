-- Each policy names its bucket on every branch.
create policy "Users upload their own avatars" on storage.objects
  for insert to authenticated
  with check (
    bucket_id = 'avatars'
    and (select auth.uid())::text = (storage.foldername(name))[1]
  );

create policy "Read avatars or logos" on storage.objects for select to authenticated
  using ((bucket_id = 'avatars' and owner_id = (select auth.uid())::text) or 'logos' = objects.bucket_id);

create policy "Read public assets" on storage.objects for select to anon
  using (bucket_id in ('logos', 'banners'::text));

create policy owners_update on storage.objects for update to authenticated
  using (bucket_id = 'avatars' and owner_id = (select auth.uid())::text)
  with check (bucket_id = 'avatars');

-- Restrictive policies only narrow what permissive ones grant.
create policy only_owners on storage.objects as restrictive for delete to authenticated
  using (owner_id = (select auth.uid())::text);

-- Policies on other tables are not about buckets.
create policy notes_read on public.notes for select to authenticated
  using ((select auth.uid()) = user_id);

-- A policy without clauses grants nothing.
alter policy owners_update on storage.objects to authenticated;
