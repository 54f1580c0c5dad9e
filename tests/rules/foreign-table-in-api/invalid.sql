create extension if not exists postgres_fdw with schema extensions;
create server billing_server foreign data wrapper postgres_fdw options (dbname 'billing');

create foreign table public.invoices (id bigint, total numeric) -- expect: foreign-table-in-api
  server billing_server options (table_name 'invoices');

-- Revoked, then granted back to one role.
create foreign table public.customers (id bigint, email text) server billing_server;
revoke all on public.customers from anon, authenticated;
grant select on public.customers to anon; -- expect: foreign-table-in-api
