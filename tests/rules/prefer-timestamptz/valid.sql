create table if not exists public.events (
  id bigint primary key,
  happened_at timestamptz not null default now(),
  seen_at timestamp with time zone,
  at_time time,
  on_day date
);
