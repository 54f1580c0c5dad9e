revoke execute on function public.delete_note(bigint) from anon;
