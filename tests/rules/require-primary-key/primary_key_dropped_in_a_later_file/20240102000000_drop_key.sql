alter table public.tags drop constraint tags_pkey;
