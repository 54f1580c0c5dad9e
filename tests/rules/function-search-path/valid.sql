create function public.a() returns int language sql set search_path = '' as $$ select 1 $$;
create function private.b() returns int language sql as $$ select 1 $$;
create function public.c() returns int language sql as $$ select 1 $$;
alter function public.c() set search_path = '';
create function public.native(int) returns int language c as 'mylib', 'native';
-- SECURITY DEFINER functions are another rule's concern.
create function public.sd() returns int language sql security definer as $$ select 1 $$;
