alter table public.events detach partition public.events_2023; -- expect: require-concurrent-partition-detach
alter table public.events detach partition public.events_2022 finalize; -- expect: require-concurrent-partition-detach
