create index if not exists idx_profiles_handle on public.profiles (handle); -- expect: duplicate-index
