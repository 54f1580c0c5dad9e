alter table public.events detach partition public.events_2023 concurrently;
alter table public.events attach partition public.events_2024 for values from ('2024-01-01') to ('2025-01-01');
