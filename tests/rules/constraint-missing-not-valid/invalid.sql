alter table public.notes add constraint notes_title_length check (char_length(title) <= 200); -- expect: constraint-missing-not-valid
alter table public.notes add check (priority between 1 and 5); -- expect: constraint-missing-not-valid
alter table public.notes add constraint notes_owner_fkey foreign key (owner_id) references auth.users (id) not valid;
alter table public.notes validate constraint notes_owner_fkey; -- expect: constraint-missing-not-valid
alter table public.notes add constraint notes_body_check check (body <> '') not valid;
alter table public.notes validate constraint notes_body_check; -- expect: constraint-missing-not-valid
