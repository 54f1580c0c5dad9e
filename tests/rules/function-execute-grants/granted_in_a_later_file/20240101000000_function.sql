create or replace function public.delete_note(note_id bigint) returns void language sql security definer set search_path = ''
  as $$ delete from public.notes where id = note_id and user_id = (select auth.uid()) $$;
revoke execute on function public.delete_note(bigint) from public, anon;
