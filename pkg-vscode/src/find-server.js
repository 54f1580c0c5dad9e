/**
 * @file Finds the supalint CLI that the extension starts as `supalint lsp`:
 * the `supalint.serverPath` setting, else the `supalint` package installed in
 * a workspace folder's `node_modules` (so the editor runs the version the
 * project pins, as `pnpm lint:migrations` does). Kept apart from the `vscode`
 * API so that it can be tested in plain Node.
 */

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * The CLI script of the `supalint` package that `folder` resolves, if any.
 * @param {string} folder absolute
 * @returns {string | null}
 */
export function installedCli(folder) {
    let manifest;
    try {
        manifest = createRequire(path.join(folder, "package.json")).resolve("supalint/package.json");
    } catch {
        return null;
    }
    const { bin } = /** @type {{ bin?: string | Record<string, string> }} */ (JSON.parse(readFileSync(manifest, "utf8")));
    const script = typeof bin === "string" ? bin : bin?.supalint;
    return script === undefined ? null : path.resolve(path.dirname(manifest), script);
}

/**
 * The CLI to start: the configured path (relative to the first folder), else
 * the first folder's installed package that exists.
 * @param {string[]} folders the workspace folders (absolute)
 * @param {string} [serverPath] the `supalint.serverPath` setting
 * @returns {string | null}
 */
export function findServer(folders, serverPath) {
    if (serverPath) {
        const resolved = path.resolve(folders[0] ?? process.cwd(), serverPath);
        return existsSync(resolved) ? resolved : null;
    }
    for (const folder of folders) {
        const cli = installedCli(folder);
        if (cli !== null && existsSync(cli)) {
            return cli;
        }
    }
    return null;
}
