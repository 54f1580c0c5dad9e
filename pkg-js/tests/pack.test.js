/**
 * @file The published package works on its own: `npm pack`, install the
 * tarball into a fresh project on a PATH without any Rust toolchain, and run
 * `npx supalint` and the library there.
 */

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { it } from "node:test";
import { BROKEN_SQL, CLEAN_SQL, GOOD_NAME, PACKAGE_DIR, REPO_DIR, makeProject } from "./helpers.js";

/**
 * The environment without Rust tools on PATH and without the npm/pnpm
 * settings of the test runner's own invocation.
 * @returns {Record<string, string>}
 */
function cleanEnv() {
    /** @type {Record<string, string>} */
    const env = {};
    for (const [key, value] of Object.entries(process.env)) {
        if (value === undefined || /^(npm_|pnpm_|PNPM_|CARGO|RUSTUP|NODE_OPTIONS|FORCE_COLOR|NO_COLOR)/u.test(key)) {
            continue;
        }
        env[key] = value;
    }
    env.PATH = (process.env.PATH ?? "")
        .split(path.delimiter)
        .filter((entry) => entry !== "" && !/\.cargo|rustup/u.test(entry))
        .join(path.delimiter);
    return env;
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 * @param {Record<string, string>} env
 * @returns {{ status: number | null, stdout: string, stderr: string }}
 */
function exec(command, args, cwd, env) {
    const child = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
    if (child.error) {
        throw child.error;
    }
    return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

it("installs from the packed tarball and runs without Rust", { timeout: 300_000 }, (t) => {
    const env = cleanEnv();
    assert.equal(spawnSync("cargo", ["--version"], { env }).error?.code, "ENOENT", "cargo is not reachable");

    const packDir = mkdtempSync(path.join(tmpdir(), "supalint-pack-"));
    t.after(() => rmSync(packDir, { recursive: true, force: true }));
    const pack = exec("npm", ["pack", "--json", "--pack-destination", packDir], PACKAGE_DIR, env);
    assert.equal(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout);
    const packed = info.files.map((/** @type {{ path: string }} */ file) => file.path);
    for (const file of ["package.json", "README.md", "LICENSE", "index.d.ts", "src/cli/index.js", "src/index.js", "src/browser.js", "wasm/supalint.js", "wasm/supalint_bg.wasm"]) {
        assert.ok(packed.includes(file), `${file} is packed`);
    }
    assert.ok(!packed.some((/** @type {string} */ file) => file.startsWith("tests/")), "tests are not packed");
    t.diagnostic(`tarball ${info.filename}: ${info.size} bytes packed, ${info.unpackedSize} unpacked, ${packed.length} files`);

    const dir = makeProject(t, {
        "package.json": JSON.stringify({ name: "pack-test", private: true, type: "module" }),
        [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL,
        "supabase/migrations/20240102120000_create_tags.sql": BROKEN_SQL,
    });
    // The license the package states, in the file the tarball carries: the repository's own.
    const manifest = JSON.parse(readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8"));
    assert.equal(manifest.license, "MIT");
    assert.match(manifest.repository.url, /github\.com\/supalint\/supalint/u);
    assert.equal(readFileSync(path.join(PACKAGE_DIR, "LICENSE"), "utf8"), readFileSync(path.join(REPO_DIR, "LICENSE"), "utf8"));
    assert.match(readFileSync(path.join(REPO_DIR, "LICENSE"), "utf8"), /^MIT License\n/u);

    const install = exec("npm", ["install", path.join(packDir, info.filename), "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], dir, env);
    assert.equal(install.status, 0, install.stderr);

    const lint = exec("npx", ["--no-install", "supalint", "--format", "json"], dir, env);
    assert.equal(lint.status, 1, lint.stderr);
    const results = JSON.parse(lint.stdout);
    assert.equal(results.length, 2);
    assert.deepEqual(
        results.flatMap((/** @type {{ messages: { ruleId: string }[] }} */ result) => result.messages.map((m) => m.ruleId)),
        ["require-if-not-exists"],
    );

    const stylish = exec("npx", ["--no-install", "supalint"], dir, env);
    assert.equal(stylish.status, 1);
    assert.match(stylish.stdout, /✖ 1 problem \(1 error, 0 warnings\)/u);

    writeFileSync(path.join(dir, "use-api.js"), 'import { lintText, version } from "supalint";\nconsole.log(version, lintText("select 1;").results.length);\n');
    const api = exec(process.execPath, ["use-api.js"], dir, env);
    assert.equal(api.status, 0, api.stderr);
    assert.match(api.stdout, /^\d+\.\d+\.\d+ 1\n$/u);
});
