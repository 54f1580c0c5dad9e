-- The problem: anyone with the anon key lists the paths of every file in the public bucket,
-- including ones whose URL was never shared.
insert into storage.objects (bucket_id, name, owner_id)
values ('avatars', '00000000-0000-0000-0000-00000000000a/unshared.png', '00000000-0000-0000-0000-00000000000a');
set role anon;
select name from storage.objects where bucket_id = 'avatars';
