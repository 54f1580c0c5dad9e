-- expect: migration-filename
create table if not exists public.notes (id bigint primary key);
