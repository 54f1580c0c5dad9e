/**
 * @file Example migrations to load into the playground: one that passes
 * every rule, and one for each kind of mistake supalint catches (SPEC §3).
 * The first one is what a first-time visitor sees, so it has findings.
 */

/**
 * @typedef {object} Example
 * @property {string} id stable, used in tests
 * @property {string} title
 * @property {string} fileName relative to the migrations folder
 * @property {string[]} rules the rules whose findings the example shows,
 *   which its title promises, and nothing else (none for the clean one); the
 *   unit tests lint every example with the engine to hold it to this list
 * @property {string} text
 */

/** @type {Example[]} */
export const EXAMPLES = [
    {
        id: "idempotency",
        title: "Idempotency mistakes",
        fileName: "20240612093000_create_notes.sql",
        rules: [
            "require-if-not-exists",
            "require-if-exists",
            "require-or-replace",
            "drop-before-create",
            "insert-on-conflict",
        ],
        text: `-- Notes: a table of per-user notes, with an index, a policy, a function and a
-- bucket for attachments. None of it can run twice.

create table public.notes (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  body text not null,
  created_at timestamptz not null default now()
);

alter table public.notes enable row level security;

revoke all on table public.notes from anon, authenticated, service_role;
grant select, insert, update, delete on table public.notes to authenticated;

create index notes_user_id_idx on public.notes (user_id);

alter table public.notes add column title text;

create policy "Owners read their notes" on public.notes
  for select to authenticated
  using ((select auth.uid()) = user_id or (select public.is_super_admin()));

create function public.count_notes()
returns bigint
language sql
stable
set search_path = ''
as $$ select count(*) from public.notes where user_id = (select auth.uid()) $$;

drop function public.count_all_notes();

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('note-attachments', 'note-attachments', false, 10485760, array['image/png', 'application/pdf']);
`,
    },
    {
        id: "access",
        title: "RLS and access mistakes",
        fileName: "20240613101500_create_projects.sql",
        rules: [
            "rls-enabled",
            "revoke-default-privileges",
            "policy-roles",
            "policy-without-rls",
            "no-permissive-true",
            "auth-function-initplan",
            "no-user-metadata-in-policy",
            "function-execute-grants",
            "security-definer-search-path",
            "security-definer-authorization",
            "view-security-invoker",
            "anon-write-grant",
        ],
        text: `-- Projects: shared workspaces owned by a user.

create table if not exists public.projects (
  id bigint generated always as identity primary key,
  owner_id uuid not null references auth.users (id),
  name text not null
);
create index if not exists projects_owner_id_idx on public.projects (owner_id);

drop policy if exists "Anyone can create projects" on public.projects;
create policy "Anyone can create projects" on public.projects
  for insert
  with check (true);

drop policy if exists "Owners update projects" on public.projects;
create policy "Owners update projects" on public.projects
  for update to authenticated
  using (auth.uid() = owner_id or (auth.jwt() -> 'user_metadata' ->> 'role') = 'admin');

create or replace function public.delete_project(project_id bigint)
returns void
language plpgsql
security definer
as $$
begin
  delete from public.projects where id = project_id;
end;
$$;

create or replace view public.project_names as
  select id, name from public.projects;

grant insert, update on public.projects to anon;
`,
    },
    {
        id: "storage",
        title: "Storage bucket mistakes",
        fileName: "20240614080000_create_avatars_bucket.sql",
        rules: ["storage-bucket-private", "storage-bucket-limits", "storage-policy-bucket-scope"],
        text: `-- Avatars: a bucket for profile pictures, and who may upload to it.

insert into storage.buckets (id, name, public)
values ('avatars', 'avatars', true)
on conflict (id) do nothing;

drop policy if exists "Users upload their avatar" on storage.objects;
create policy "Users upload their avatar" on storage.objects
  for insert to authenticated
  with check ((select auth.uid())::text = (storage.foldername(name))[1]);
`,
    },
    {
        id: "safety",
        title: "Unsafe schema changes",
        fileName: "20240615120000_reshape_orders.sql",
        rules: [
            "transaction-nesting",
            "adding-required-field",
            "prefer-timestamptz",
            "set-not-null",
            "changing-column-type",
            "renaming-column",
            "ban-drop-column",
            "adding-foreign-key-constraint",
        ],
        text: `-- Orders: reshape the orders table for the new checkout.

begin;

alter table public.orders add column if not exists region text not null;

alter table public.orders add column if not exists placed_at timestamp;

alter table public.orders alter column status set not null;

alter table public.orders alter column total type numeric(12, 2);

alter table public.orders rename column note to customer_note;

alter table public.orders drop column if exists legacy_code;

alter table public.orders drop constraint if exists orders_customer_fk;
alter table public.orders
  add constraint orders_customer_fk foreign key (customer_id) references public.customers (id);

commit;
`,
    },
    {
        id: "naming",
        title: "Bad file name",
        fileName: "20241305000000_AddTags_v2.sql",
        rules: ["migration-filename", "no-version-suffix"],
        text: `-- Tags: free-form labels on notes. The file name has a month 13, a
-- description that is not snake_case, and a version suffix.

alter table public.notes add column if not exists tags text[] not null default '{}';
`,
    },
    {
        id: "directives",
        title: "Directives and a parse error",
        fileName: "20240617070000_import_legacy.sql",
        rules: ["unused-disable-directive", "require-if-not-exists", "parse-error"],
        text: `-- Legacy import: a table created by hand on production, a directive that
-- suppresses nothing, and a broken string.

-- supalint-disable-next-line require-if-not-exists -- created by hand before migrations existed
create table public.legacy_users (id bigint primary key, email text);
alter table public.legacy_users enable row level security;
revoke all on table public.legacy_users from anon, authenticated, service_role;

-- A directive silences only the rules it names, and one that silences nothing
-- is reported.
-- supalint-disable-next-line rls-enabled -- RLS comes later
create table public.legacy_orders (id bigint primary key);
alter table public.legacy_orders enable row level security;
revoke all on table public.legacy_orders from anon, authenticated, service_role;

-- One bad statement does not hide findings in the others.
insert into public.legacy_users (id, email) values (1, 'unterminated);
`,
    },
    {
        id: "clean",
        title: "Clean migration",
        fileName: "20240616090000_create_bookmarks.sql",
        rules: [],
        text: `-- Bookmarks: saved links per user, readable and writable only by their
-- owner (and by super admins).

create table if not exists public.bookmarks (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  url text not null,
  created_at timestamptz not null default now()
);

alter table public.bookmarks enable row level security;

revoke all on table public.bookmarks from anon, authenticated, service_role;
grant select, insert, delete on table public.bookmarks to authenticated;

create index if not exists bookmarks_user_id_idx on public.bookmarks (user_id);

drop policy if exists "Owners read bookmarks" on public.bookmarks;
create policy "Owners read bookmarks" on public.bookmarks
  for select to authenticated
  using ((select auth.uid()) = user_id or (select public.is_super_admin()));

drop policy if exists "Owners add bookmarks" on public.bookmarks;
create policy "Owners add bookmarks" on public.bookmarks
  for insert to authenticated
  with check ((select auth.uid()) = user_id or (select public.is_super_admin()));

drop policy if exists "Owners delete bookmarks" on public.bookmarks;
create policy "Owners delete bookmarks" on public.bookmarks
  for delete to authenticated
  using ((select auth.uid()) = user_id or (select public.is_super_admin()));
`,
    },
];

/** The example the page opens with. */
export const DEFAULT_EXAMPLE = EXAMPLES[0];
