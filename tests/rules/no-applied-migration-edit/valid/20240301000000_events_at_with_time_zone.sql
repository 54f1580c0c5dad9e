-- New since the ref: not applied anywhere yet.
alter table public.events alter column at type timestamptz;
