create or replace function public.is_super_admin() returns boolean language sql stable set search_path = '' as $$ select false $$;
