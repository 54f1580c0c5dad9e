-- Without storageBucketsFile or registeredBuckets the rule has nothing to compare with.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('invoices', 'invoices', false, 1048576, array['application/pdf'])
on conflict (id) do nothing;
