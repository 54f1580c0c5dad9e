create table if not exists public.profiles (
  id uuid primary key,
  username text check (char_length(username) <= 32),
  nickname varchar,
  code char(2)
);
