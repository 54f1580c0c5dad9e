-- The problem: the policy says users read only their own notes, yet a signed-in user reads
-- another user's note, because row-level security is off and Postgres ignores the policy.
insert into public.notes (id, user_id, body) values (1, '00000000-0000-0000-0000-00000000000a', 'not yours');
set role authenticated;
set request.jwt.claims = '{"sub": "00000000-0000-0000-0000-00000000000b", "role": "authenticated"}';
select id from public.notes where user_id is distinct from (select auth.uid());
