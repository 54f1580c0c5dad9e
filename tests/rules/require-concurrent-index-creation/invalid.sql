create index if not exists orders_customer_id_idx on public.orders (customer_id); -- expect: require-concurrent-index-creation
CREATE UNIQUE INDEX orders_number_key ON orders USING btree (number); -- expect: require-concurrent-index-creation
