create table public.page_views (path text not null, viewed_at timestamptz not null);
