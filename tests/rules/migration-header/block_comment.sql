/*
 * Pinned notes, part 2: index for the pinned-first sort.
 */
create index if not exists notes_pinned_idx on public.notes (pinned);
