alter table public.integrations enable row level security;
