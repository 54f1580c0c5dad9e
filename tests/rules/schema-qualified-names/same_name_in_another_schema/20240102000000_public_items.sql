-- public items
create table if not exists items (id bigint primary key, created_at timestamptz); -- expect: schema-qualified-names
create index if not exists items_created_at on items (created_at); -- expect: schema-qualified-names
