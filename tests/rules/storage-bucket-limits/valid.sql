-- Both limits given, by name or by position.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('avatars', 'avatars', false, 1048576, array['image/png', 'image/jpeg'])
on conflict (id) do nothing;

insert into storage.buckets
values ('raw', 'raw', null, now(), now(), false, false, 1024, '{text/plain}')
on conflict (id) do nothing;

insert into storage.buckets (id, name, file_size_limit, allowed_mime_types)
values ('logos', 'logos', 5 * 1024 * 1024, array['image/svg+xml']::text[])
on conflict (id) do nothing;

-- Limits set right after the insert.
insert into storage.buckets (id, name)
values ('exports', 'exports')
on conflict (id) do nothing;
update storage.buckets
set file_size_limit = 10485760, allowed_mime_types = array['text/csv']
where id = 'exports';

-- Rows an INSERT … SELECT produces are not read.
insert into storage.buckets (id, name)
select 'reports', 'reports'
where not exists (select 1 from storage.buckets where id = 'reports');
