revoke execute on function public.archive_note(bigint) from public, anon, authenticated;
