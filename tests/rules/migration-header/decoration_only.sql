-- ---------------------------------
-- supalint-disable-next-line ban-drop-table
drop table if exists public.legacy; -- expect: migration-header
