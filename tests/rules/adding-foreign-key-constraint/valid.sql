alter table public.notes add constraint notes_owner_fkey foreign key (owner_id) references auth.users (id) not valid;
create table if not exists public.fresh (id bigint primary key, owner_id uuid references auth.users (id));
alter table public.fresh add constraint fresh_owner_fkey foreign key (owner_id) references auth.users (id);
alter table public.fresh add column if not exists tag_id bigint references public.tags (id);
alter table public.notes add constraint notes_title_check check (title <> '') not valid;
