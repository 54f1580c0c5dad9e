create table public.integrations (
  id bigint primary key,
  owner uuid,
  api_key text, -- expect: sensitive-columns-exposed
  "Password" text -- expect: sensitive-columns-exposed
);

create table public.people (id bigint primary key, name text);
alter table public.people add column ssn text; -- expect: sensitive-columns-exposed

-- Table privileges revoked, a column grant gives this one back.
create table public.cards (id bigint primary key, card_number text); -- expect: sensitive-columns-exposed
revoke all on public.cards from anon, authenticated;
grant select (id, card_number) on public.cards to authenticated;
