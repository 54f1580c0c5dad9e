create or replace view public.member_emails as select id, email from auth.users; -- expect: auth-users-exposed

-- A materialized view stores a copy no policy can filter.
create materialized view public.user_directory as select id, email, raw_user_meta_data from auth.users; -- expect: auth-users-exposed

-- An explicit `security_invoker = false` is the owner's rights too; a join reads it as well.
create table public.profiles (id uuid primary key, username text);
create or replace view public.profile_cards with (security_invoker = false) as -- expect: auth-users-exposed
  select p.id, p.username, u.email from public.profiles p join "auth"."users" u on u.id = p.id;

-- Revoked, then granted back to one API role.
create or replace view public.signups as select created_at, email from auth.users;
revoke all on public.signups from anon, authenticated;
grant select on public.signups to authenticated; -- expect: auth-users-exposed
