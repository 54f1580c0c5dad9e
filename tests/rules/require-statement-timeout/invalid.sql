update public.orders set status = 'archived' where placed_at < now() - interval '2 years'; -- expect: require-statement-timeout
alter table public.orders add column if not exists note text;
