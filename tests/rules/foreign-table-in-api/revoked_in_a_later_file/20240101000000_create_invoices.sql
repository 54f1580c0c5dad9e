create extension if not exists postgres_fdw with schema extensions;
create server billing_server foreign data wrapper postgres_fdw options (dbname 'billing');
create foreign table public.invoices (id bigint, total numeric) server billing_server;
