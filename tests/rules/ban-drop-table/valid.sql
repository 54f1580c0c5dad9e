create table if not exists public.staging (id bigint primary key);
drop table public.staging;
drop view if exists public.legacy_view;
drop index if exists public.legacy_idx;
