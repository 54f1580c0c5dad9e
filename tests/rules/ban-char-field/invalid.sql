create table if not exists public.countries (
  code char(2) primary key, -- expect: ban-char-field
  flag CHARACTER, -- expect: ban-char-field
  tags bpchar(3)[], -- expect: ban-char-field
  kind "char"
);
alter table public.countries add column if not exists iso3 character(3); -- expect: ban-char-field
alter table public.countries alter column code type char(3); -- expect: ban-char-field
