grant execute on function public.delete_note(bigint) to anon, authenticated; -- expect: function-execute-grants
