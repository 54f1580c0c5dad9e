create function public.delete_note(note_id bigint) returns void language sql security definer set search_path = '' as $$ delete from public.notes where id = note_id $$; -- expect: security-definer-authorization
create function public.helper() returns int language sql set search_path = '' as $$ select 1 $$;
create function public.calls_helper() returns void language plpgsql security definer set search_path = '' as $$ begin perform public.helper(); end $$; -- expect: security-definer-authorization
-- Revoking from PUBLIC leaves Supabase's grant to `anon` and `authenticated`.
create function public.still_callable() returns void language sql security definer set search_path = '' as $$ delete from public.notes $$; -- expect: security-definer-authorization
revoke execute on function public.still_callable() from public;
