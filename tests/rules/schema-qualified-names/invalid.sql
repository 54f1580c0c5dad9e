create table if not exists events (id bigint primary key); -- expect: schema-qualified-names
create or replace view "Recent events" as select * from public.events; -- expect: schema-qualified-names
create or replace function touch() returns trigger language plpgsql as $$ begin return new; end $$; -- expect: schema-qualified-names
create index if not exists events_id_idx on events (id); -- expect: schema-qualified-names
create policy "read events" on events for select to authenticated using (true); -- expect: schema-qualified-names
create trigger events_touch before update on events for each row execute function public.touch(); -- expect: schema-qualified-names
alter table events add column if not exists note text; -- expect: schema-qualified-names
drop view if exists "Recent events"; -- expect: schema-qualified-names
drop policy if exists "read events" on events; -- expect: schema-qualified-names
create type mood as enum ('sad', 'happy'); -- expect: schema-qualified-names
