-- Avatars are served through signed URLs from now on.
update storage.buckets set public = false where id in ('avatars');
