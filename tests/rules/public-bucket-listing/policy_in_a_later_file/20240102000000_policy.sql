create policy avatars_read on storage.objects for select to anon using (bucket_id = 'avatars'); -- expect: public-bucket-listing
