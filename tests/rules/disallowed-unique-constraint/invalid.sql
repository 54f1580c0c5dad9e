alter table public.profiles add constraint profiles_username_key unique (username); -- expect: disallowed-unique-constraint
alter table public.profiles add unique nulls not distinct (email); -- expect: disallowed-unique-constraint
alter table public.profiles add column handle text unique; -- expect: disallowed-unique-constraint
