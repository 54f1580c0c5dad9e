-- Buckets that take any file up to the global limit, of any type.
insert into storage.buckets (id, name, public)
values ('avatars', 'avatars', false) -- expect: storage-bucket-limits
on conflict (id) do nothing;

insert into storage.buckets (id, name, file_size_limit)
values ('logos', 'logos', 1048576) -- expect: storage-bucket-limits
on conflict (id) do nothing;

insert into storage.buckets (id, name, allowed_mime_types)
values ('exports', 'exports', array['text/csv']) -- expect: storage-bucket-limits
on conflict (id) do nothing;

-- NULL and an empty list of types are no limit.
insert into storage.buckets (id, name, file_size_limit, allowed_mime_types)
values
  ('media', 'media', null, array['video/mp4']), -- expect: storage-bucket-limits
  ('docs', 'docs', 5242880, '{}'::text[]), -- expect: storage-bucket-limits
  ('misc', 'misc', null::bigint, null) -- expect: storage-bucket-limits
on conflict (id) do nothing;

-- Without a column list, the limits are the 8th and 9th values.
insert into storage.buckets
values ('raw', 'raw', null, now(), now(), false, false, 1024) -- expect: storage-bucket-limits
on conflict (id) do nothing;

-- A later update that removes the limit.
insert into storage.buckets (id, name, file_size_limit, allowed_mime_types)
values ('backups', 'backups', 1024, array['application/gzip']) -- expect: storage-bucket-limits
on conflict (id) do nothing;
update storage.buckets set file_size_limit = null where id = 'backups';
