alter table tasks add column if not exists done boolean; -- expect: schema-qualified-names
alter table notes add column if not exists done boolean; -- expect: schema-qualified-names
create table if not exists tasks (id bigint primary key); -- expect: schema-qualified-names
