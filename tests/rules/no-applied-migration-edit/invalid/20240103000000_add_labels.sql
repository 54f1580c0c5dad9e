-- Labels.
create table if not exists public.labels (id bigint primary key, name text);
insert into public.labels (id, name) values (1, 'urgent') on conflict do nothing; -- expect: no-applied-migration-edit
