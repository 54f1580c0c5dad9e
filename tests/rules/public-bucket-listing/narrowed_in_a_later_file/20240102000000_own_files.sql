alter policy avatars_read on storage.objects to authenticated
  using (bucket_id = 'avatars' and owner_id = (select auth.uid())::text);
