create table if not exists public.notes (id bigint primary key);
create table if not exists public.drafts (id bigint primary key);
create table if not exists public.logs (id bigint primary key);
grant insert, update on public.notes to anon;
grant all on public.drafts to anon;
grant delete on public.logs to anon; -- expect: anon-write-grant
