alter table public.profiles drop constraint if exists profiles_bio_check;
alter table public.profiles alter column bio drop default;
alter table public.profiles alter column bio drop not null;
create table if not exists public.fresh (id bigint primary key, scratch text);
alter table public.fresh drop column scratch;
