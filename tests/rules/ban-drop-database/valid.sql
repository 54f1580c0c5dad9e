drop schema if exists analytics_staging;
drop table if exists public.database;
