-- The limits come in a later migration.
insert into storage.buckets (id, name)
values ('avatars', 'avatars'), ('logos', 'logos') -- expect: storage-bucket-limits
on conflict (id) do nothing;
