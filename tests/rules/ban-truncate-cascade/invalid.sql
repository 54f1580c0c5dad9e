truncate table public.accounts cascade; -- expect: ban-truncate-cascade
TRUNCATE public.a, public.b RESTART IDENTITY CASCADE; -- expect: ban-truncate-cascade
