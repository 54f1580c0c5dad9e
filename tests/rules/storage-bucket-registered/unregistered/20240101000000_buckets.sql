-- `avatars` is registered; the others are not (ids are compared exactly).
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values
  ('avatars', 'avatars', false, 1048576, array['image/png']),
  ('invoices', 'invoices', false, 1048576, array['application/pdf']), -- expect: storage-bucket-registered
  ('logos', 'logos', false, 1048576, array['image/png']) -- expect: storage-bucket-registered
on conflict (id) do nothing;

do $$
begin
  insert into storage.buckets (id, name) values ('exports', 'exports'); -- expect: storage-bucket-registered
exception when unique_violation then null;
end $$;
