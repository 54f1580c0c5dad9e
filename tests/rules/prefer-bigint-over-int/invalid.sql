create table if not exists public.events (id integer generated always as identity primary key); -- expect: prefer-bigint-over-int
create table if not exists public.links (id serial primary key, hits integer not null default 0); -- expect: prefer-bigint-over-int
create table if not exists public.tags (
  id INT4 not null, -- expect: prefer-bigint-over-int
  name text,
  constraint tags_pkey primary key (id)
);
create table if not exists public.legacy (n int4);
alter table public.legacy add column if not exists seq serial4; -- expect: prefer-bigint-over-int
create table if not exists public.dumped ("id" integer not null); -- expect: prefer-bigint-over-int
alter table only public.dumped add constraint dumped_pkey primary key ("id");
