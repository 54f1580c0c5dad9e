alter table public.notes disable row level security; -- expect: policy-without-rls
