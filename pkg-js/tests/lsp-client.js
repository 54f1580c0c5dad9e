/**
 * @file A language client for the tests: starts `supalint lsp --stdio` as an
 * editor does (a child process of the real executable) and talks to it with
 * `vscode-languageserver-protocol` over its standard input and output.
 */

import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import {
    CodeActionRequest,
    createProtocolConnection,
    DidChangeTextDocumentNotification,
    DidChangeWatchedFilesNotification,
    DidCloseTextDocumentNotification,
    DidOpenTextDocumentNotification,
    DidSaveTextDocumentNotification,
    ExitNotification,
    HoverRequest,
    InitializedNotification,
    InitializeRequest,
    PublishDiagnosticsNotification,
    RegistrationRequest,
    ShutdownRequest,
    StreamMessageReader,
    StreamMessageWriter,
} from "vscode-languageserver-protocol/node";
import { CLI } from "./helpers.js";

/** @import { CodeAction, Diagnostic, FileChangeType, Hover, InitializeResult, Range, TextEdit } from "vscode-languageserver-protocol" */

/**
 * @param {string} file
 * @returns {string}
 */
export function uriOf(file) {
    return pathToFileURL(file).href;
}

/**
 * Applies LSP text edits to a text (as an editor does: by position, last first).
 * @param {string} text
 * @param {TextEdit[]} edits
 * @returns {string}
 */
export function applyEdits(text, edits) {
    const lineStarts = [0];
    for (let i = 0; i < text.length; i += 1) {
        if (text[i] === "\n") {
            lineStarts.push(i + 1);
        }
    }
    const offset = (/** @type {{ line: number, character: number }} */ position) => (lineStarts[position.line] ?? text.length) + position.character;
    const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
    let result = text;
    for (const edit of sorted) {
        result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
    }
    return result;
}

export class TestClient {
    /**
     * Starts the server and initializes it.
     * @param {object} options
     * @param {string} options.cwd where the server runs
     * @param {string[]} options.folders workspace folders (absolute)
     * @param {Record<string, unknown>} [options.initializationOptions]
     * @param {Record<string, string>} [options.env]
     * @returns {Promise<TestClient>}
     */
    static async start({ cwd, folders, initializationOptions = { debounceMs: 20 }, env = {} }) {
        const client = new TestClient(cwd, env);
        client.initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            rootUri: null,
            workspaceFolders: folders.map((folder) => ({ uri: uriOf(folder), name: folder })),
            initializationOptions,
            capabilities: {
                workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
                textDocument: {
                    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
                    codeAction: { isPreferredSupport: true, disabledSupport: true },
                    hover: { contentFormat: ["markdown"] },
                },
            },
        });
        await client.connection.sendNotification(InitializedNotification.type, {});
        return client;
    }

    /**
     * @param {string} cwd
     * @param {Record<string, string>} env
     */
    constructor(cwd, env) {
        this.child = spawn(process.execPath, [CLI, "lsp", "--stdio"], { cwd, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
        this.stderr = "";
        this.child.stderr.on("data", (chunk) => {
            this.stderr += chunk;
        });
        this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
        /** @type {InitializeResult | null} */
        this.initializeResult = null;
        /** The latest diagnostics, by URI. @type {Map<string, { version?: number, diagnostics: Diagnostic[] }>} */
        this.diagnostics = new Map();
        /** Every publication, in order. @type {{ uri: string, version?: number, diagnostics: Diagnostic[] }[]} */
        this.published = [];
        /** @type {{ check: () => boolean, resolve: () => void }[]} */
        this.waiters = [];
        /** Registrations the server asked for. @type {unknown[]} */
        this.registrations = [];
        /** Messages the server logged. @type {string[]} */
        this.logs = [];
        /** Document versions, by URI. @type {Map<string, { version: number, text: string }>} */
        this.open = new Map();
        this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
            this.diagnostics.set(params.uri, params);
            this.published.push(params);
            this.waiters = this.waiters.filter((waiter) => {
                if (waiter.check()) {
                    waiter.resolve();
                    return false;
                }
                return true;
            });
        });
        this.connection.onRequest(RegistrationRequest.type, (params) => {
            this.registrations.push(...params.registrations);
            return null;
        });
        this.connection.onNotification("window/logMessage", (params) => {
            this.logs.push(params.message);
        });
        this.connection.listen();
    }

    /**
     * Waits until the diagnostics of `uri` satisfy `check`.
     * @param {string} uri
     * @param {(diagnostics: Diagnostic[], version: number | undefined) => boolean} check
     * @param {number} [timeout]
     * @returns {Promise<Diagnostic[]>}
     */
    async waitFor(uri, check, timeout = 20_000) {
        const matches = () => {
            const latest = this.diagnostics.get(uri);
            return latest !== undefined && check(latest.diagnostics, latest.version);
        };
        if (!matches()) {
            await new Promise((resolve, reject) => {
                const timer = setTimeout(() => {
                    const latest = this.diagnostics.get(uri);
                    reject(new Error(`timed out waiting for diagnostics of ${uri}; latest: ${JSON.stringify(latest)}; stderr: ${this.stderr}`));
                }, timeout);
                this.waiters.push({
                    check: matches,
                    resolve: () => {
                        clearTimeout(timer);
                        resolve(undefined);
                    },
                });
            });
        }
        return /** @type {{ diagnostics: Diagnostic[] }} */ (this.diagnostics.get(uri)).diagnostics;
    }

    /**
     * Waits for the diagnostics of the document's current version.
     * @param {string} uri
     * @returns {Promise<Diagnostic[]>}
     */
    current(uri) {
        const version = this.open.get(uri)?.version;
        return this.waitFor(uri, (_diagnostics, published) => published === version);
    }

    /**
     * Opens a file as the editor would (its text from disk unless given).
     * @param {string} file
     * @param {string} [text]
     * @returns {Promise<Diagnostic[]>} its diagnostics
     */
    async openFile(file, text = readFileSync(file, "utf8")) {
        const uri = uriOf(file);
        this.open.set(uri, { version: 1, text });
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri, languageId: "sql", version: 1, text },
        });
        return this.current(uri);
    }

    /**
     * Replaces a range of an open document (one keystroke, or a whole edit).
     * @param {string} file
     * @param {Range | null} range null: the whole text
     * @param {string} text
     * @returns {Promise<void>}
     */
    async edit(file, range, text) {
        const uri = uriOf(file);
        const document = /** @type {{ version: number, text: string }} */ (this.open.get(uri));
        document.version += 1;
        document.text = range === null ? text : applyEdits(document.text, [{ range, newText: text }]);
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version: document.version },
            contentChanges: range === null ? [{ text }] : [{ range, text }],
        });
    }

    /**
     * @param {string} file
     * @returns {Promise<void>}
     */
    async save(file) {
        await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: uriOf(file) } });
    }

    /**
     * @param {string} file
     * @returns {Promise<void>}
     */
    async close(file) {
        this.open.delete(uriOf(file));
        await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf(file) } });
    }

    /**
     * Tells the server that files changed on disk.
     * @param {{ file: string, type: FileChangeType }[]} changes
     * @returns {Promise<void>}
     */
    async filesChanged(changes) {
        await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
            changes: changes.map(({ file, type }) => ({ uri: uriOf(file), type })),
        });
    }

    /**
     * @param {string} file
     * @param {Range} range
     * @param {string[]} [only]
     * @returns {Promise<CodeAction[]>}
     */
    async codeActions(file, range, only) {
        const uri = uriOf(file);
        const diagnostics = (this.diagnostics.get(uri)?.diagnostics ?? []).filter(
            (diagnostic) => diagnostic.range.start.line <= range.end.line && range.start.line <= diagnostic.range.end.line,
        );
        const result = await this.connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri },
            range,
            context: only === undefined ? { diagnostics } : { diagnostics, only },
        });
        return /** @type {CodeAction[]} */ (result ?? []);
    }

    /**
     * @param {string} file
     * @param {{ line: number, character: number }} position
     * @returns {Promise<Hover | null>}
     */
    hover(file, position) {
        return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(file) }, position });
    }

    /**
     * The open text of a document, as the client holds it.
     * @param {string} file
     * @returns {string}
     */
    textOf(file) {
        return /** @type {{ text: string }} */ (this.open.get(uriOf(file))).text;
    }

    /**
     * Shuts the server down as an editor does and waits for the process to end.
     * @returns {Promise<number | null>} its exit code
     */
    async shutdown() {
        const exited = once(this.child, "exit");
        await this.connection.sendRequest(ShutdownRequest.type);
        await this.connection.sendNotification(ExitNotification.type);
        const [code] = await exited;
        this.connection.dispose();
        return code;
    }

    /** Ends the server whatever its state (test clean-up). */
    kill() {
        this.connection.dispose();
        if (this.child.exitCode === null) {
            this.child.kill();
        }
    }
}
