create or replace view public.member_emails as select id, email from auth.users;
