-- postgres-migrations disable-transaction
create index concurrently if not exists a_idx on public.a (x);
begin;
create index concurrently if not exists b_idx on public.b (x); -- expect: ban-concurrent-index-creation-in-transaction
commit;
alter table public.a add column if not exists y int;
