alter table public.events add constraint events_pkey primary key using index events_pkey;
create table if not exists public.fresh (id bigint);
alter table public.fresh add primary key (id);
