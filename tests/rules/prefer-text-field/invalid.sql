create table if not exists public.profiles (
  id uuid primary key,
  username varchar(32), -- expect: prefer-text-field
  email character varying(320)[] -- expect: prefer-text-field
);
alter table public.profiles add column if not exists city VARCHAR (80); -- expect: prefer-text-field
alter table public.profiles alter column username type varchar(64); -- expect: prefer-text-field
