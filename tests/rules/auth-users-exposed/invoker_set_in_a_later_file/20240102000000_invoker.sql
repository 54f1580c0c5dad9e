alter view public.member_emails set (security_invoker = true);
