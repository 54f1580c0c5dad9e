create extension if not exists postgres_fdw with schema extensions;
create server billing_server foreign data wrapper postgres_fdw options (dbname 'billing');

create foreign table public.invoices (id bigint, total numeric)
  server billing_server options (table_name 'invoices');
revoke all on public.invoices from anon, authenticated;

-- Not in an exposed schema.
create schema if not exists private;
create foreign table private.customers (id bigint, email text) server billing_server;

-- Dropped further down.
create foreign table public.payments (id bigint) server billing_server;
drop foreign table public.payments;
