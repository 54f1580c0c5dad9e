insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true) on conflict (id) do nothing;
create policy avatars_read on storage.objects for select to anon, authenticated using (bucket_id = 'avatars'); -- expect: public-bucket-listing

-- FOR ALL without TO, and a condition that only asks who is calling.
insert into storage.buckets (id, name, public) values ('banners', 'banners', true) on conflict (id) do nothing;
create policy banners_signed_in on storage.objects for all using (bucket_id = 'banners' and (select auth.role()) = 'authenticated'); -- expect: public-bucket-listing

-- Made public after the policy was written.
insert into storage.buckets (id, name, public) values ('docs', 'docs', false) on conflict (id) do nothing;
create policy docs_read on storage.objects for select to authenticated using (bucket_id = 'docs' or bucket_id = 'manuals');
update storage.buckets set public = true where id = 'docs'; -- expect: public-bucket-listing
