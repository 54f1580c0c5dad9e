drop policy if exists avatars_read on storage.objects;
