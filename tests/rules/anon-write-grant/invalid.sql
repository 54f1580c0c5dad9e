grant insert, update on public.notes to anon; -- expect: anon-write-grant
grant all on table public.notes to public; -- expect: anon-write-grant
grant truncate on all tables in schema public to anon; -- expect: anon-write-grant
alter default privileges in schema public grant all on tables to anon; -- expect: anon-write-grant
grant delete on "public"."notes" to authenticated, "anon"; -- expect: anon-write-grant
