create table if not exists public.events (id bigserial primary key); -- expect: prefer-identity
create table if not exists public.links (id SERIAL primary key); -- expect: prefer-identity
alter table public.events add column if not exists seq serial8; -- expect: prefer-identity
