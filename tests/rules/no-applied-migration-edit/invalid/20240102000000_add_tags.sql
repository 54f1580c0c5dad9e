-- Tags.
create table if not exists public.tags (id bigint primary key); -- expect: no-applied-migration-edit
