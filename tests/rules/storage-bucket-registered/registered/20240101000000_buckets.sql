-- Every bucket is in StorageBuckets.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values
  ('avatars', 'avatars', false, 1048576, array['image/png']),
  ('invoices'::text, 'invoices', false, 1048576, array['application/pdf'])
on conflict (id) do nothing;

-- Rows an INSERT … SELECT produces are not read.
insert into storage.buckets (id, name)
select 'reports', 'reports'
where not exists (select 1 from storage.buckets where id = 'reports');
