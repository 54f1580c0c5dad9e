alter domain public.email drop constraint if exists email_lower;
alter domain public.email set default '';
alter domain public.email validate constraint email_format;
