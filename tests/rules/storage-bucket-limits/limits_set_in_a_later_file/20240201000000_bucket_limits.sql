-- Limit avatar uploads; logos keep no MIME type list.
update storage.buckets
set file_size_limit = 1048576, allowed_mime_types = array['image/png']
where name = 'avatars';

update storage.buckets set file_size_limit = 1048576 where id = 'logos';
