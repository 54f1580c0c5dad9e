alter table public.notes add constraint notes_owner_fkey foreign key (owner_id) references auth.users (id); -- expect: adding-foreign-key-constraint
alter table public.notes add foreign key (folder_id) references public.folders (id) on delete cascade; -- expect: adding-foreign-key-constraint
alter table public.notes add column tag_id bigint references public.tags (id); -- expect: adding-foreign-key-constraint
