-- A private bucket: listing is what policies are for.
insert into storage.buckets (id, name, public) values ('invoices', 'invoices', false) on conflict (id) do nothing;
create policy invoices_read on storage.objects for select to authenticated using (bucket_id = 'invoices');

-- A public bucket whose SELECT policy lists only the caller's own folder.
insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true) on conflict (id) do nothing;
create policy avatars_own on storage.objects for select to authenticated using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

-- Uploads only.
create policy avatars_upload on storage.objects for insert to authenticated with check (bucket_id = 'avatars' and owner_id = (select auth.uid())::text);

-- service_role is not a client role.
create policy avatars_service on storage.objects for select to service_role using (bucket_id = 'avatars');

-- A policy for another bucket.
create policy invoices_admin on storage.objects for select to authenticated using (bucket_id = 'invoices' and (select public.is_super_admin()));

-- Made private again.
insert into storage.buckets (id, name, public) values ('banners', 'banners', true) on conflict (id) do nothing;
create policy banners_read on storage.objects for select to anon using (bucket_id = 'banners');
update storage.buckets set public = false where id = 'banners';
