-- Events users record.
create table if not exists public.events (
    id bigint generated always as identity primary key,
    at timestamp not null default now()
);
