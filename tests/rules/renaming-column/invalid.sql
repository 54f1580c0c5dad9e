alter table public.profiles rename column full_name to display_name; -- expect: renaming-column
alter table public.profiles rename avatar to avatar_url; -- expect: renaming-column
