alter table public.notes add column if not exists status text not null default 'draft';
alter table public.notes add column if not exists seq bigint generated always as identity not null;
alter table public.notes add column if not exists n bigserial not null;
alter table public.notes add column if not exists total numeric generated always as (1) stored not null;
alter table public.notes add column if not exists body text;
create table if not exists public.fresh (id bigint primary key);
alter table public.fresh add column if not exists owner_id uuid not null;
