update public.profiles set display_name = coalesce(full_name, username) where display_name is null;
update public.profiles set address.city = 'a', address.zip = 'b';
update public.profiles set "Name" = 'a', name = 'b';
insert into public.profiles (id, name) values (1, 'a');
update public.profiles p set name = s.name from public.staging s where s.id = p.id returning p.id, p.id;
