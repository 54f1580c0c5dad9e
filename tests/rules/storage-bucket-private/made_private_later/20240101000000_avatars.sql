-- A later migration makes this bucket private, so the history ends with it private.
insert into storage.buckets (id, name, public)
values ('avatars', 'avatars', true)
on conflict (id) do nothing;

-- This one stays public.
insert into storage.buckets (id, name, public)
values ('logos', 'logos', true) -- expect: storage-bucket-private
on conflict (id) do nothing;
