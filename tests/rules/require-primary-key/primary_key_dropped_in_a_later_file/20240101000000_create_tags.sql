create table public.tags (id bigint primary key, name text); -- expect: require-primary-key
