create table if not exists public.categories (id bigint generated always as identity primary key, rating smallint);
create table if not exists public.pairs (a smallint, b smallint, primary key (a, b));
