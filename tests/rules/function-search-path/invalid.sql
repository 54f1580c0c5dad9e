create function public.a() returns int language sql as $$ select 1 $$; -- expect: function-search-path
create procedure public.p() language sql as $$ select 1 $$; -- expect: function-search-path
create function touch_updated_at() returns trigger language plpgsql as $$ begin new.updated_at = now(); return new; end $$; -- expect: function-search-path
