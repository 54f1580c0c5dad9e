-- Migration: create public.is_super_admin()
-- Policies call this to let super admins through. It reads the role from the
-- JWT's app_metadata, which only the service role can change.

create or replace function public.is_super_admin()
returns boolean
language sql
stable
set search_path = ''
as $$
    select coalesce((auth.jwt() -> 'app_metadata' ->> 'role') = 'super-admin', false);
$$;

revoke execute on function public.is_super_admin() from public, anon;
grant execute on function public.is_super_admin() to authenticated, service_role;
