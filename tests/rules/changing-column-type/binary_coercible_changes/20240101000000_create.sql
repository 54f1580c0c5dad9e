create table if not exists public.items (
  id bigint primary key,
  name varchar(50),
  note varchar(20),
  code text,
  price numeric(8, 2),
  qty integer
);
