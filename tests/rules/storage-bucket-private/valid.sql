-- Private buckets, and buckets whose `public` is left at its default (false).
insert into storage.buckets (id, name, public)
values ('invoices', 'invoices', false)
on conflict (id) do nothing;

insert into storage.buckets (id, name)
values ('exports', 'exports')
on conflict (id) do nothing;

-- Rows an INSERT … SELECT produces are not read.
insert into storage.buckets (id, name, public)
select 'reports', 'reports', true
where not exists (select 1 from storage.buckets where id = 'reports');

-- Made private again.
update storage.buckets set public = false where id = 'exports';

-- Other tables with a `public` column are not buckets.
create table if not exists public.posts (id bigint primary key, public boolean);
insert into public.posts (id, public) values (1, true);
