#!/usr/bin/env node
/**
 * @file Builds the extension: bundles `src/extension.js` (with
 * vscode-languageclient) into `dist/extension.cjs` with esbuild, then packages
 * the folder into `dist/supalint-vscode-<version>.vsix` with `@vscode/vsce`.
 * Nothing is published. `--bundle-only` stops after the bundle.
 *
 *   pnpm --filter supalint-vscode package
 */

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

await build({
    entryPoints: [path.join(root, "src", "extension.js")],
    outfile: path.join(root, "dist", "extension.cjs"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["vscode"],
    minify: true,
    logLevel: "warning",
});

if (!process.argv.includes("--bundle-only")) {
    const vsix = path.join("dist", `supalint-vscode-${version}.vsix`);
    // The bundle holds every dependency: the .vsix needs no node_modules.
    const vsce = spawnSync(
        path.join(root, "node_modules", ".bin", "vsce"),
        ["package", "--no-dependencies", "--skip-license", "--out", vsix],
        { cwd: root, stdio: "inherit" },
    );
    if (vsce.status !== 0) {
        process.exit(vsce.status ?? 1);
    }
    console.log(`built ${path.join(root, vsix)}`);
}
