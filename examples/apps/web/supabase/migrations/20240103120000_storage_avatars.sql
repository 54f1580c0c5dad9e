-- Migration: storage bucket for account avatars
-- A private bucket for images up to 1 MB. Each user reads and writes the files
-- under a folder named after their user id.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('avatars', 'avatars', false, 1048576, array['image/png', 'image/jpeg', 'image/webp'])
on conflict (id) do nothing;

drop policy if exists avatars_read on storage.objects;
create policy avatars_read on storage.objects
    for select
    to authenticated
    using (
        bucket_id = 'avatars'
        and ((storage.foldername(name))[1] = (select auth.uid())::text or public.is_super_admin())
    );

drop policy if exists avatars_upload on storage.objects;
create policy avatars_upload on storage.objects
    for insert
    to authenticated
    with check (
        bucket_id = 'avatars'
        and ((storage.foldername(name))[1] = (select auth.uid())::text or public.is_super_admin())
    );
