create table if not exists public.events (id bigint generated always as identity primary key, attempts integer not null default 0);
create table if not exists public.links (id bigserial primary key);
create table if not exists public.memberships (
  team_id integer not null,
  user_id integer not null,
  primary key (team_id, user_id)
);
create table if not exists public.grid (cells integer[] primary key);
alter table public.events alter column attempts type integer;
