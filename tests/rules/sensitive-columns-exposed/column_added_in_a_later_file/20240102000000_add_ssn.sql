alter table public.people add column if not exists ssn text; -- expect: sensitive-columns-exposed
