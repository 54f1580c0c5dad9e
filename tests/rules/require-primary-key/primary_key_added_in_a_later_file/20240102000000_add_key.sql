alter table public.page_views add column id bigint generated always as identity primary key;
