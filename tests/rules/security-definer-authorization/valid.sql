create function public.delete_own_note(note_id bigint) returns void language sql security definer set search_path = ''
  as $$ delete from public.notes where id = note_id and user_id = (select auth.uid()) $$;
create function public.is_member(team bigint) returns boolean language sql stable set search_path = ''
  as $$ select exists (select 1 from public.members where team_id = team and user_id = auth.uid()) $$;
create function public.delete_team_note(note_id bigint, team bigint) returns void language plpgsql security definer set search_path = ''
  as $$ begin if not public.is_member(team) then raise exception 'forbidden'; end if; delete from public.notes where id = note_id; end $$;
create function public.claims() returns jsonb language sql security definer set search_path = '' as $$ select auth.jwt() $$;
create function public.on_signup() returns trigger language plpgsql security definer set search_path = ''
  as $$ begin insert into public.profiles (id) values (new.id); return new; end $$;
create function private.cleanup() returns void language sql security definer set search_path = '' as $$ delete from public.notes $$;
create function public.admin_cleanup() returns void language sql security definer set search_path = '' as $$ delete from public.notes $$;
revoke execute on function public.admin_cleanup() from public, anon, authenticated;
-- Reading the caller's role from the request counts as a check.
create function public.store_secret(secret text) returns uuid language plpgsql security definer set search_path = ''
  as $$ begin if current_setting('role') <> 'service_role' then raise exception 'forbidden'; end if; return gen_random_uuid(); end $$;
