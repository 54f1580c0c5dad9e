alter table public.profiles add constraint profiles_username_key unique using index profiles_username_key;
create table if not exists public.fresh (id bigint primary key, slug text);
alter table public.fresh add constraint fresh_slug_key unique (slug);
alter table public.fresh add column if not exists code text unique;
