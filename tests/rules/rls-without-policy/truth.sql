-- The problem: a signed-in user holds SELECT on the table (Supabase's default grant) and
-- owns a row in it, yet reads no row, because no policy admits any.
insert into public.notes (id, user_id, body) values (1, '00000000-0000-0000-0000-00000000000a', 'mine');
set role authenticated;
set request.jwt.claims = '{"sub": "00000000-0000-0000-0000-00000000000a", "role": "authenticated"}';
select 'closed to its owner'
where has_table_privilege('public.notes', 'select')
  and not exists (select from public.notes);
