create schema if not exists app;
set search_path = app, public;
create table if not exists events (id bigint primary key); -- expect: schema-qualified-names
set search_path = elsewhere, public;
create table if not exists notes (id bigint primary key); -- expect: schema-qualified-names
set search_path = '';
create table if not exists things (id bigint primary key); -- expect: schema-qualified-names
