alter table public.profiles drop column if exists legacy_avatar; -- expect: ban-drop-column
alter table public.profiles drop bio; -- expect: ban-drop-column
