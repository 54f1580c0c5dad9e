alter table public.notes add constraint notes_title_length check (char_length(title) <= 200) not valid;
alter table public.notes validate constraint notes_created_check;
create table if not exists public.fresh (id bigint primary key, n int);
alter table public.fresh add constraint fresh_n_check check (n > 0);
alter table public.fresh add constraint fresh_m_check check (n < 10) not valid;
alter table public.fresh validate constraint fresh_m_check;
alter table public.notes add constraint notes_owner_fkey foreign key (owner_id) references auth.users (id);
alter table public.notes add constraint notes_slug_key unique (slug);
