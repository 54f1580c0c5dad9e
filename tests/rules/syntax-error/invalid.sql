create tabel public.x (id int); -- expect: syntax-error
create table if not exists public.y (id int,); -- expect: syntax-error
alter table public.y add colum nickname text; -- expect: syntax-error
insert into public.y (id) valuez (1); -- expect: syntax-error
create index if not exists y_id_idx on public.y (id; -- expect: syntax-error
update public.y set id = 1 wher id = 2; -- expect: syntax-error
