create domain public.note_text as text;
create table if not exists public.contacts (email text check (email ~* '^[^@]+@[^@]+$'));
