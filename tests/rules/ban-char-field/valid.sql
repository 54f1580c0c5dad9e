create table if not exists public.countries (
  code text primary key,
  name varchar(100),
  alt character varying(10),
  kind "char"
);
