alter table public.fresh add column if not exists owner_id uuid not null; -- expect: adding-required-field
