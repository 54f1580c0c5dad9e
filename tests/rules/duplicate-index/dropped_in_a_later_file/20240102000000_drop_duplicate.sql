drop index if exists public.idx_profiles_handle;
