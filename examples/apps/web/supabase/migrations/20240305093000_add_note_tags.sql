-- Migration: tags on notes
-- Deliberate mistakes, for the demo: an index without IF NOT EXISTS, a policy
-- created without dropping it first, and a DROP TABLE without IF EXISTS.

create table if not exists public.note_tags (
    note_id uuid not null references public.notes (id) on delete cascade,
    tag text not null,
    primary key (note_id, tag)
);

create index note_tags_tag_idx on public.note_tags (tag);

alter table public.note_tags enable row level security;

revoke all on public.note_tags from anon, authenticated, service_role;
grant select, insert, delete on public.note_tags to authenticated;

create policy note_tags_owner on public.note_tags
    for all
    to authenticated
    using (
        exists (select 1 from public.notes n where n.id = note_id and n.user_id = (select auth.uid()))
        or public.is_super_admin()
    );

drop table public.legacy_note_labels;
