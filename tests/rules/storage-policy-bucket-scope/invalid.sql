-- Policies that cover every bucket.
create policy "Users upload their own files" on storage.objects
  for insert to authenticated
  with check ((select auth.uid())::text = (storage.foldername(name))[1]); -- expect: storage-policy-bucket-scope

create policy "Owners read" on storage.objects for select to authenticated
  using (bucket_id = 'avatars' or owner_id = (select auth.uid())::text); -- replaced by the ALTER POLICY at the end, which is judged instead

create policy owners_update on "storage"."objects" for update to authenticated
  using (bucket_id = 'avatars' and owner_id = (select auth.uid())::text)
  with check (owner_id = (select auth.uid())::text); -- expect: storage-policy-bucket-scope

create policy not_this_bucket on storage.objects for delete to authenticated
  using (bucket_id <> 'avatars'); -- expect: storage-policy-bucket-scope

create policy any_bucket on storage.objects for select to authenticated
  using (bucket_id = (select id from storage.buckets where name = 'avatars')); -- expect: storage-policy-bucket-scope

create policy "Anyone reads" on storage.objects for select
  using ( -- expect: storage-policy-bucket-scope
    true
  );

alter policy "Owners read" on storage.objects
  using (owner_id = (select auth.uid())::text); -- expect: storage-policy-bucket-scope
