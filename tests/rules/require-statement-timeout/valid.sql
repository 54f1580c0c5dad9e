set local statement_timeout = '60s';
update public.orders set status = 'archived' where placed_at < now() - interval '2 years';
alter table public.orders add column if not exists note text;
