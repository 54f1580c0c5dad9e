-- Tags, each named once.
-- supalint-disable-next-line require-primary-key -- reviewed in #42
CREATE TABLE IF NOT EXISTS public.tags (id bigint primary key);
