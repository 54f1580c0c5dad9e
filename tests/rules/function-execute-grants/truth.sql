-- The problem: anyone with the anon key calls the SECURITY DEFINER function.
insert into public.notes (id, user_id) values (1, '00000000-0000-0000-0000-00000000000a');
set role anon;
select 'anon called it' from (select public.delete_note(1)) as call;
