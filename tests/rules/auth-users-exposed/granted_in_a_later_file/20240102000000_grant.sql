grant select on public.member_emails to anon; -- expect: auth-users-exposed
