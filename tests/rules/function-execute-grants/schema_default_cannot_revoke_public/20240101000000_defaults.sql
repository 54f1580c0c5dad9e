-- Per-schema defaults add to the global ones: this leaves PUBLIC's EXECUTE in place.
alter default privileges in schema public revoke execute on functions from public, anon;
