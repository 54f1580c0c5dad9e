set search_path = app, public;
create table if not exists events (id bigint primary key); -- expect: schema-qualified-names
set search_path = '';
create table if not exists things (id bigint primary key); -- expect: schema-qualified-names
