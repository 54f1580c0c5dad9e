-- A file with CRLF line breaks: the appended statement uses them too.
create table public.crlf_notes (id bigint primary key); -- expect: rls-enabled
create table public.crlf_tags (id bigint primary key) -- expect: rls-enabled
;
