-- Tables listed in seedTables need ON CONFLICT too; the conflict target comes from the
-- keys the migrations define, when the insert sets their columns.
create table if not exists public.plans (id text primary key, name text);
create table if not exists public.features (
  id bigint generated always as identity primary key,
  "Slug" text,
  label text,
  unique ("Slug")
);
create table if not exists public.settings (key text, value text);
alter table public.settings drop constraint if exists settings_key_key;
alter table public.settings add constraint settings_key_key unique (key);
create table if not exists public.log (line text);

insert into public.plans (id, name) values ('free', 'Free'); -- expect: insert-on-conflict
insert into features ("Slug", label) values ('export', 'Export'); -- expect: insert-on-conflict
insert into public.settings values ('theme', 'dark'); -- expect: insert-on-conflict
insert into public.log (line) values ('seeded'); -- expect: insert-on-conflict
insert into public.plans (id, name) values ('pro', 'Pro') on conflict (id) do update set name = excluded.name;
