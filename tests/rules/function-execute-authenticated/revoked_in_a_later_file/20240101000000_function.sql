create or replace function public.archive_note(note_id bigint) returns void language sql security definer set search_path = ''
  as $$ select 1 $$;
