create table if not exists public.events (
  id bigint primary key,
  happened_at timestamp not null default now(), -- expect: prefer-timestamptz
  seen_at TIMESTAMP(3) WITHOUT TIME ZONE, -- expect: prefer-timestamptz
  history timestamp[] -- expect: prefer-timestamptz
);
alter table public.events add column if not exists deleted_at pg_catalog.timestamp; -- expect: prefer-timestamptz
alter table public.events alter column seen_at type timestamp without time zone; -- expect: prefer-timestamptz
