-- A schema-wide revoke reaches only the tables that exist when it runs.
revoke all on all tables in schema public from anon, authenticated;
create table public.notes (id bigint primary key); -- expect: revoke-default-privileges
-- Revoked from one role only.
create table public.partly (id bigint); -- expect: revoke-default-privileges
revoke all on public.partly from anon;
-- Not every privilege.
create table public.some_privileges (id bigint); -- expect: revoke-default-privileges
revoke select, insert on public.some_privileges from anon, authenticated;
-- Granted back by default privileges before it was created.
alter default privileges in schema public revoke all on tables from anon, authenticated;
alter default privileges in schema public grant all on tables to anon;
create table public.regranted (id bigint); -- expect: revoke-default-privileges
