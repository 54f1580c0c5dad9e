/**
 * @file The extension starts the supalint CLI of the workspace's own
 * `node_modules`, or the one `supalint.serverPath` names.
 */

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { it } from "node:test";
import { findServer, installedCli } from "../src/find-server.js";

const REPO = fileURLToPath(new URL("../..", import.meta.url));

/**
 * @param {import("node:test").TestContext} t
 * @returns {string}
 */
function tempDir(t) {
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), "supalint-vscode-")));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
}

it("finds the CLI of the supalint package this repository's workspace installs", () => {
    assert.equal(installedCli(REPO), path.join(REPO, "pkg-js", "src", "cli", "index.js"));
});

it("takes the first workspace folder that has supalint installed", (t) => {
    const bare = tempDir(t);
    const project = tempDir(t);
    const packageDir = path.join(project, "node_modules", "supalint");
    mkdirSync(path.join(packageDir, "src", "cli"), { recursive: true });
    writeFileSync(path.join(packageDir, "package.json"), JSON.stringify({ name: "supalint", bin: { supalint: "./src/cli/index.js" } }));
    writeFileSync(path.join(packageDir, "src", "cli", "index.js"), "");
    assert.equal(findServer([bare, project]), path.join(packageDir, "src", "cli", "index.js"));
    assert.equal(findServer([bare]), null);
});

it("uses supalint.serverPath, relative to the first folder, when it exists", (t) => {
    const project = tempDir(t);
    writeFileSync(path.join(project, "cli.js"), "");
    assert.equal(findServer([project], "cli.js"), path.join(project, "cli.js"));
    assert.equal(findServer([project], "missing.js"), null);
});
