create table if not exists public.labels (id bigint primary key);
