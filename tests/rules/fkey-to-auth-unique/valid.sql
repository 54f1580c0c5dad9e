create table public.profiles (id uuid primary key references auth.users (id) on delete cascade);

-- Without a column list, the key references the primary key.
create table public.session_notes (session_id uuid references auth.sessions on delete cascade);

-- A unique key outside `auth`.
create table public.parents (id bigint primary key, code text unique);
create table public.children (parent_code text references public.parents (code));
