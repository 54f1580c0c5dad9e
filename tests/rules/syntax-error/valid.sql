-- Valid PostgreSQL the parser must not reject.
create table if not exists public.y (
  id bigint generated always as identity primary key,
  tags text[] not null default '{}',
  body jsonb,
  created_at timestamptz not null default now()
);
alter table public.y add column if not exists nickname text;
insert into public.y (tags) values ('{a}') on conflict do nothing;
create index if not exists y_body_idx on public.y using gin (body jsonb_path_ops);
update public.y set body = body || '{"a": 1}'::jsonb where id = 2 returning id;
delete from public.y where created_at < now() - interval '1 day';
select set_config('search_path', '', false);
-- Not judged: the parser does not read these, PostgreSQL does.
create or replace function public.f() returns int language sql as $$ select 1 $$;
do $$ begin perform 1; end $$;
create publication p for table public.y;
-- Forms the parser must read as PostgreSQL does.
create table if not exists public.events (id bigint, at timestamptz not null) partition by range (at);
create table if not exists public.events_2024 partition of public.events for values from ('2024-01-01') to ('2025-01-01');
create table if not exists public.y_copy (like public.y including all);
create table if not exists public.rooms (id int, during tstzrange, exclude using gist (id with =, during with &&));
create unlogged table if not exists public.scratch (id int) with (fillfactor = 70);
alter table public.y add constraint y_id_positive check (id > 0) not valid;
alter table public.y alter column nickname set default 'anon', alter column nickname drop not null;
alter table public.y add column if not exists slug text generated always as (lower(nickname)) stored;
alter table only public.y rename column nickname to handle;
insert into public.y (tags) select array['x'] where not exists (select 1 from public.y);
with gone as (delete from public.y where id < 0 returning id) select count(*) from gone;
update public.y as t set tags = s.tags from public.y s where t.id = s.id;
select * from public.y for update skip locked;
drop table if exists public.scratch, public.y_copy cascade;
