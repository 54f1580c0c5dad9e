-- The problem: anyone with the anon key reads users' emails through the view.
insert into auth.users (id, email) values ('00000000-0000-0000-0000-00000000000a', 'someone@example.com');
set role anon;
select email from public.member_emails;
