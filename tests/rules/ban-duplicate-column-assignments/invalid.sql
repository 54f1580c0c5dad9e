update public.profiles set display_name = full_name, display_name = username; -- expect: ban-duplicate-column-assignments
update public.profiles set (a, b) = (1, 2), B = 3 where id = 1; -- expect: ban-duplicate-column-assignments
update public.profiles set address = row('x', 'y'), address.city = 'z'; -- expect: ban-duplicate-column-assignments
insert into public.profiles (id, name, id) values (1, 'a', 2); -- expect: ban-duplicate-column-assignments
create table if not exists public.t (
  a int,
  a text -- expect: ban-duplicate-column-assignments
);
do $$
begin
  update public.profiles set x = 1, x = 2; -- expect: ban-duplicate-column-assignments
end $$;
