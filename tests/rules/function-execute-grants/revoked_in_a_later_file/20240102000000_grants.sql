revoke execute on function public.delete_note(bigint) from public, anon;
