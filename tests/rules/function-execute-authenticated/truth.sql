-- The problem: any signed-in user runs the SECURITY DEFINER function, which changes a row
-- that row-level security (no UPDATE policy) would not let them change.
insert into public.notes (id) values (1);
set role authenticated;
set request.jwt.claims = '{"sub": "00000000-0000-0000-0000-00000000000b", "role": "authenticated"}';
do $$ begin perform public.archive_note(1); end $$;
reset role;
select id from public.notes where archived;
