alter table public.notes enable row level security;
