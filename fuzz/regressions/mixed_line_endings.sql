-- header
create table public.t (id int);
-- cgrant all on public.t to anon;
