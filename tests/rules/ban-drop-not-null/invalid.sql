alter table public.orders alter column customer_id drop not null; -- expect: ban-drop-not-null
alter table orders alter status drop not null; -- expect: ban-drop-not-null
