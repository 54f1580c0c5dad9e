-- app first on the path
set search_path = app, public;
alter table items add column if not exists note text; -- expect: schema-qualified-names
drop index if exists items_created_at;
