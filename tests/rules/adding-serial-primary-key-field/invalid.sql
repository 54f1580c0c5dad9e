alter table public.events add primary key (id); -- expect: adding-serial-primary-key-field
alter table public.events add constraint events_pkey primary key (id, created_at); -- expect: adding-serial-primary-key-field
alter table public.legacy add column id bigserial primary key; -- expect: adding-serial-primary-key-field
