/**
 * @file The access diff on matrices the real engine builds from small
 * histories: each kind of change, and the sentence it reads as.
 */

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeChange, diffAccess } from "../src/access/diff.js";
import { columnsText, rowsText, shorten } from "../src/access/wording.js";
import { accessMatrix } from "../src/index.js";

/**
 * The matrix of migrations given as texts, in order.
 * @param {...string} texts
 */
function matrixOf(...texts) {
    const sources = texts.map((text, index) => ({ path: `supabase/migrations/2024010100000${index}_m.sql`, text }));
    return accessMatrix(sources, { config: {} });
}

/**
 * The sentences of the changes from `before` to `before` plus `added`.
 * @param {string[]} before
 * @param {...string} added
 * @returns {string[]}
 */
function sentences(before, ...added) {
    return diffAccess(matrixOf(...before), matrixOf(...before, ...added)).map((change) => describeChange(change));
}

const PROFILES = `
create table public.profiles (id uuid primary key, name text, is_admin boolean default false);
alter table public.profiles enable row level security;
revoke all on public.profiles from anon, authenticated;
grant select on public.profiles to authenticated;
grant update (name) on public.profiles to authenticated;
create policy read_all on public.profiles for select to authenticated using (true);
create policy update_own on public.profiles for update to authenticated using (id = (select auth.uid()));
`;

describe("diffAccess", () => {
    it("finds nothing between equal matrices", () => {
        assert.deepEqual(sentences([PROFILES]), []);
    });

    it("says which columns a role can now write, and on which rows", () => {
        assert.deepEqual(sentences([PROFILES], "grant update (is_admin) on public.profiles to authenticated;"), [
            "`authenticated` can now UPDATE `public.profiles.is_admin` on rows where `id = (select auth.uid())`",
        ]);
        assert.deepEqual(sentences([PROFILES, "grant update (is_admin) on public.profiles to authenticated;"], "revoke update (is_admin) on public.profiles from authenticated;"), [
            "`authenticated` can no longer UPDATE `public.profiles.is_admin`",
        ]);
    });

    it("says when a role reaches rows it did not, and no longer reaches any", () => {
        assert.deepEqual(
            sentences([PROFILES], "grant select on public.profiles to anon;", "create policy anon_read on public.profiles for select to anon using (true);"),
            ["`anon` can now SELECT all rows of `public.profiles`"],
        );
        assert.deepEqual(sentences([PROFILES], "drop policy update_own on public.profiles;"), ["`authenticated` can no longer UPDATE rows of `public.profiles`"]);
    });

    it("says what a changed condition now requires", () => {
        const [sentence] = sentences(
            [PROFILES],
            "drop policy update_own on public.profiles;",
            "create policy update_own on public.profiles for update to authenticated using (id = (select auth.uid()) and not is_admin);",
        );
        assert.equal(sentence, "UPDATE on `public.profiles` for `authenticated` now requires `id = (select auth.uid()) and not is_admin` (before: `id = (select auth.uid())`)");
    });

    it("says when row-level security goes, and what every role reaches then", () => {
        assert.deepEqual(sentences([PROFILES], "alter table public.profiles disable row level security;"), [
            "`public.profiles` no longer has row-level security",
            "`authenticated` can now UPDATE all rows of `public.profiles` (before: only where `id = (select auth.uid())`)",
        ]);
        const restricted = sentences([PROFILES], "create policy not_admins on public.profiles as restrictive for select to authenticated using (not is_admin);");
        assert.deepEqual(restricted, ["`authenticated` can now SELECT only the rows of `public.profiles` where `(true) AND (not is_admin)` (before: all rows)"]);
    });

    it("describes a new table role by role, and a table that is gone", () => {
        assert.deepEqual(
            sentences(
                [],
                `create table public.invites (id bigint primary key, account_id uuid);
                 alter table public.invites enable row level security;
                 revoke all on public.invites from anon, authenticated;
                 grant select, insert on public.invites to authenticated;
                 create policy invites_insert on public.invites for insert to authenticated
                   with check (public.has_role_on_account(account_id, 'owner'));
                 create policy invites_read on public.invites for select to authenticated
                   using (public.has_role_on_account(account_id, 'owner'));`,
            ),
            [
                "new table `public.invites` (RLS on): `anon` has no access; `authenticated` can SELECT and INSERT rows where " +
                    "`public.has_role_on_account(account_id, 'owner')` (INSERT writes id, account_id)",
            ],
        );
        assert.deepEqual(sentences([PROFILES], "drop table public.profiles;"), ["`public.profiles` is gone: dropped, renamed, or no longer in an exposed schema"]);
    });

    it("speaks of objects in a bucket for storage", () => {
        const bucket = "insert into storage.buckets (id, name) values ('avatars', 'avatars') on conflict do nothing;";
        assert.deepEqual(sentences([bucket], "create policy avatars_read on storage.objects for select to anon using (bucket_id = 'avatars');"), [
            "`anon` can now SELECT objects in bucket `avatars` where `bucket_id = 'avatars'`",
        ]);
    });

    it("shortens conditions and column lists when asked", () => {
        const [change] = diffAccess(matrixOf(PROFILES), matrixOf(PROFILES, "drop policy update_own on public.profiles;", "create policy update_own on public.profiles for update to authenticated using (id = (select auth.uid()) and name is not null and not is_admin);"));
        assert.match(describeChange(change, { width: 20 }), /now requires `id = \(select auth\.u…` \(before: `id = \(select auth\.u…`\)$/u);
    });
});

describe("wording", () => {
    it("shortens with an ellipsis, and column lists with how many were left out", () => {
        assert.equal(shorten("abcdef", 10), "abcdef");
        assert.equal(shorten("abcdef", 4), "abc…");
        assert.equal(columnsText(["id", "name", "email", "picture_url"], 100), "id, name, email, picture_url");
        assert.equal(columnsText(["id", "name", "email", "picture_url"], 18), "id, name, … (+2)");
        assert.equal(rowsText({ rows: "none" }), "none");
        assert.equal(rowsText({ rows: "all" }), "all rows");
        assert.equal(rowsText({ rows: "some", condition: "id = (select auth.uid())" }, 16), "rows where id =…");
    });
});
