/**
 * @file The supalint extension for VS Code: starts `supalint lsp` from the
 * workspace's own `node_modules` and hands it the `.sql` files. Everything
 * else (diagnostics with the migrations' history, quick fixes, fix all on
 * save, hover) is the language server's; see docs/editors.md.
 */

import * as vscode from "vscode";
import { LanguageClient, TransportKind } from "vscode-languageclient/node";
import { findServer } from "./find-server.js";

/** @type {LanguageClient | undefined} */
let client;

/**
 * @param {vscode.ExtensionContext} context
 * @returns {Promise<void>}
 */
export async function activate(context) {
    const settings = vscode.workspace.getConfiguration("supalint");
    if (!settings.get("enable", true)) {
        return;
    }
    const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
    const server = findServer(folders, settings.get("serverPath", ""));
    if (server === null) {
        vscode.window.showWarningMessage("supalint: no `supalint` package in this workspace's node_modules; add it (`pnpm add -D supalint`) or set `supalint.serverPath`.");
        return;
    }
    client = new LanguageClient(
        "supalint",
        "supalint",
        // Run as a Node module by VS Code's own runtime; the client adds `--stdio`.
        { module: server, transport: TransportKind.stdio, args: ["lsp"] },
        {
            documentSelector: [
                { scheme: "file", language: "sql" },
                { scheme: "file", pattern: "**/*.sql" },
            ],
        },
    );
    context.subscriptions.push({ dispose: () => client?.stop() });
    await client.start();
}

/**
 * @returns {Promise<void> | undefined}
 */
export function deactivate() {
    return client?.stop();
}
