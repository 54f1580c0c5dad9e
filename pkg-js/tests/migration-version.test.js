/**
 * @file One migration-version pattern for every JavaScript reader: exactly 14
 * leading digits, as the engine reads a version (`version_of` in
 * `src/history/mod.rs`), so `verify` and `status` order files as the rules do.
 */

import assert from "node:assert/strict";
import { it } from "node:test";
import { listMigrations } from "../src/db/migration-files.js";
import { migrationVersion } from "../src/files/migration-version.js";
import { makeProject } from "./helpers.js";

it("reads exactly 14 leading digits as the version", () => {
    assert.equal(migrationVersion("20240101120000_create_notes.sql"), "20240101120000");
    assert.equal(migrationVersion("20240101120000.sql"), "20240101120000");
    assert.equal(migrationVersion("202401011200001_too_long.sql"), undefined);
    assert.equal(migrationVersion("2024010112000_too_short.sql"), undefined);
    assert.equal(migrationVersion("v20240101120000_prefixed.sql"), undefined);
});

it("orders a name with 15 leading digits after the versioned files, as the engine does", (t) => {
    const dir = makeProject(t, {
        "202401011200001_long.sql": "select 1;\n",
        "20240102000000_second.sql": "select 1;\n",
        "20240101000000_first.sql": "select 1;\n",
    });
    assert.deepEqual(
        listMigrations(dir).map((migration) => migration.fileName),
        ["20240101000000_first.sql", "20240102000000_second.sql", "202401011200001_long.sql"],
    );
});
