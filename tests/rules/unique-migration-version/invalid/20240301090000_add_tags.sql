-- expect: unique-migration-version
create table if not exists public.tags (id bigint primary key);
