create table public.notes (id bigint primary key); -- expect: rls-enabled
create table if not exists "public"."Tags" (id bigint); -- expect: rls-enabled
create table profiles (id uuid primary key) -- expect: rls-enabled
;
create table public.later_disabled (id bigint); -- expect: rls-enabled
alter table public.later_disabled enable row level security;
alter table public.later_disabled disable row level security;
CREATE TABLE public.upper_case (id bigint); -- expect: rls-enabled
create table public.last_without_semicolon (id bigint) -- expect: rls-enabled
