-- Runs with the caller's rights, and the API roles cannot read auth.users.
create or replace view public.member_emails with (security_invoker = true) as select id, email from auth.users;

-- The API roles cannot select from it.
create or replace view public.signups as select created_at, email from auth.users;
revoke all on public.signups from anon, authenticated;

-- Not a schema the Data API serves.
create schema if not exists private;
create or replace view private.user_emails as select id, email from auth.users;

-- Reads the project's own table.
create table public.profiles (id uuid primary key, username text);
create or replace view public.usernames as select id, username from public.profiles;

-- Revoked for every view of the schema at once.
create materialized view public.user_directory as select id, email from auth.users;
revoke select on all tables in schema public from anon, authenticated;

-- Dropped again.
create or replace view public.tmp_users as select id from auth.users;
drop view public.tmp_users;
