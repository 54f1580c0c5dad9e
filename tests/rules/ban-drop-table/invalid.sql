drop table if exists public.legacy_events; -- expect: ban-drop-table
drop table public.a, b cascade; -- expect: ban-drop-table
