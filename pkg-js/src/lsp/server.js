/**
 * @file `supalint lsp`: the language server, on `vscode-languageserver`.
 *
 * The engine is loaded once, when this module is. Open `.sql` documents are
 * linted on open, on save and, debounced, on change. A migration is linted
 * with its folder's whole history (open texts in place of the disk's), and
 * one engine call reports every open migration of the project, so an edit to
 * an earlier migration re-checks the later ones. A `.sql` file outside the
 * migrations folder gets the per-file rules only. Migrations changed outside
 * the editor, and configuration files, arrive as
 * `workspace/didChangeWatchedFiles`.
 */

/** @import { Connection, Diagnostic, InitializeParams, InitializeResult, WorkspaceFolder } from "vscode-languageserver" */
/** @import { RuleMeta } from "../api.js" */
/** @import { FileReport, ReportEntry } from "./code-actions.js" */
/** @import { FileLint, OpenText } from "./lint.js" */

import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CodeActionKind, DidChangeWatchedFilesNotification, TextDocumentSyncKind, TextDocuments } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { engine } from "../engine/node.js";
import { FIX_ALL_KIND, fixAllAction, isRequested, quickFixes } from "./code-actions.js";
import { serverDiagnostic, toLspDiagnostic, toRange } from "./convert.js";
import { directiveRuleAt } from "./directives.js";
import { fixFile, lintAlone, lintMigrations } from "./lint.js";
import { isInside, Project } from "./project.js";
import { ruleHoverMarkdown } from "./rule-docs.js";
import { isWithheldFix } from "../withheld-fixes.js";
import { configError, isSupalintError } from "../errors.js";

/** How long after the last keystroke a document is linted, unless `initializationOptions.debounceMs` says otherwise. */
const DEFAULT_DEBOUNCE_MS = 100;

/** The files whose changes the server asks the client to report. */
const WATCHED = ["**/*.sql", "**/supalint.config.{json,js,mjs}", "**/package.json", "**/supabase/config.toml"];

/**
 * The absolute path of a `file:` URI, or null for any other scheme.
 * @param {string} uri
 * @returns {string | null}
 */
function filePathOf(uri) {
    if (!uri.startsWith("file:")) {
        return null;
    }
    try {
        return fileURLToPath(uri);
    } catch {
        return null;
    }
}

/**
 * A message for any thrown value.
 * @param {unknown} error
 * @returns {string}
 */
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}

/**
 * Serves one client over `connection` until it exits.
 * @param {Connection} connection
 * @returns {void}
 */
export function startServer(connection) {
    new Session(connection).listen();
}

class Session {
    /**
     * @param {Connection} connection
     */
    constructor(connection) {
        this.connection = connection;
        this.documents = new TextDocuments(TextDocument);
        /** @type {Map<string, RuleMeta>} */
        this.rules = new Map(engine.rules().map((rule) => [rule.id, rule]));
        /** Projects of the workspace folders, by folder. @type {Map<string, Project>} */
        this.folderProjects = new Map();
        /** Projects of files outside every workspace folder, by lookup folder. @type {Map<string, Project>} */
        this.looseProjects = new Map();
        /** What was last published, by document URI. @type {Map<string, FileReport>} */
        this.reports = new Map();
        /** Configuration files that have a published diagnostic. @type {Set<string>} */
        this.configDiagnostics = new Set();
        /** Documents waiting to be linted. @type {Set<string>} */
        this.pending = new Set();
        /** @type {NodeJS.Timeout | null} */
        this.timer = null;
        this.debounceMs = DEFAULT_DEBOUNCE_MS;
        this.canWatchFiles = false;
        this.hasFolderEvents = false;
    }

    listen() {
        const { connection, documents } = this;
        connection.onInitialize((params) => this.initialize(params));
        connection.onInitialized(() => this.initialized());
        documents.onDidOpen(({ document }) => this.schedule([document.uri], 0));
        documents.onDidChangeContent(({ document }) => this.schedule([document.uri], this.debounceMs));
        documents.onDidSave(({ document }) => this.schedule([document.uri], 0));
        documents.onDidClose(({ document }) => this.closed(document.uri));
        connection.onDidChangeWatchedFiles(({ changes }) => this.filesChanged(changes.map((change) => change.uri)));
        connection.onCodeAction((params) =>
            this.guard("code actions", () => {
                const document = this.fresh(params.textDocument.uri);
                const report = document && this.reports.get(document.uri);
                if (!document || !report) {
                    return [];
                }
                const actions = quickFixes(document, report, params.range, params.context.only);
                // A held-back fix still gets a fix-all action: a disabled one, saying why.
                const fixable = report.entries.some((entry) => entry.engine.fix || entry.engine.suggestions?.some(isWithheldFix));
                if (fixable && isRequested(params.context.only, FIX_ALL_KIND)) {
                    const action = this.fixAll(document.uri);
                    if (action) {
                        actions.push(action);
                    }
                }
                return actions;
            }, []),
        );
        connection.onHover((params) =>
            this.guard("hover", () => {
                const document = this.fresh(params.textDocument.uri);
                if (!document) {
                    return null;
                }
                const report = this.reports.get(document.uri);
                const offset = document.offsetAt(params.position);
                const directive = directiveRuleAt(document.getText(), offset);
                if (directive !== null) {
                    const rule = this.rules.get(directive.ruleId);
                    const value = rule ? ruleHoverMarkdown(rule) : `supalint has no rule \`${directive.ruleId}\`.`;
                    return { contents: { kind: "markdown", value }, range: toRange(document, 0, directive.range) };
                }
                const hits = (report?.entries ?? []).filter(({ lsp }) => {
                    const start = document.offsetAt(lsp.range.start);
                    const end = document.offsetAt(lsp.range.end);
                    return start <= offset && offset <= end;
                });
                const ruleIds = [...new Set(hits.map((hit) => hit.engine.ruleId))].filter((id) => this.rules.has(id));
                if (ruleIds.length === 0) {
                    return null;
                }
                const value = ruleIds.map((id) => ruleHoverMarkdown(/** @type {RuleMeta} */ (this.rules.get(id)))).join("\n\n---\n\n");
                return { contents: { kind: "markdown", value }, range: hits[0].lsp.range };
            }, null),
        );
        connection.onShutdown(() => {
            if (this.timer) {
                clearTimeout(this.timer);
                this.timer = null;
            }
            this.pending.clear();
        });
        documents.listen(connection);
        connection.listen();
    }

    /**
     * @param {InitializeParams} params
     * @returns {InitializeResult}
     */
    initialize(params) {
        const options = /** @type {{ debounceMs?: unknown } | undefined} */ (params.initializationOptions);
        if (typeof options?.debounceMs === "number" && options.debounceMs >= 0) {
            this.debounceMs = options.debounceMs;
        }
        this.canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
        this.hasFolderEvents = params.capabilities.workspace?.workspaceFolders === true;
        const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: "root" }] : []);
        this.addFolders(folders);
        return {
            capabilities: {
                textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
                codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
                hoverProvider: true,
                workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
            },
            serverInfo: { name: "supalint", version: engine.version() },
        };
    }

    initialized() {
        if (this.hasFolderEvents) {
            this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
                for (const folder of event.removed) {
                    const dir = folderPath(folder);
                    if (dir !== null) {
                        this.folderProjects.delete(dir);
                    }
                }
                this.addFolders(event.added);
                this.relintAll();
            });
        }
        if (this.canWatchFiles) {
            this.connection.client.register(DidChangeWatchedFilesNotification.type, {
                watchers: WATCHED.map((globPattern) => ({ globPattern })),
            });
        }
    }

    /**
     * @param {WorkspaceFolder[]} folders
     */
    addFolders(folders) {
        for (const folder of folders) {
            const dir = folderPath(folder);
            if (dir !== null && !this.folderProjects.has(dir)) {
                this.folderProjects.set(dir, this.loadProject(new Project(dir)));
            }
        }
    }

    /**
     * @param {Project} project
     * @returns {Project}
     */
    loadProject(project) {
        try {
            project.load();
        } catch (error) {
            project.reject(configError([{ key: "", message: messageOf(error) }], null));
        }
        return project;
    }

    /**
     * The project a file belongs to: the one whose migrations folder holds it,
     * else the innermost workspace folder holding it, else one looked up from
     * the file's own place (a `supabase/migrations` folder above it marks the
     * project root when no configuration file does).
     * @param {string} file absolute
     * @returns {Project}
     */
    projectFor(file) {
        const projects = [...this.folderProjects.values(), ...this.looseProjects.values()];
        const byDepth = (/** @type {Project[]} */ list, /** @type {(project: Project) => string} */ key) =>
            list.sort((a, b) => key(b).length - key(a).length)[0];
        const migrationsOf = (/** @type {Project} */ project) => project.resolved?.migrationsPath ?? "";
        const owner = byDepth(
            projects.filter((project) => project.isMigration(file)),
            migrationsOf,
        );
        if (owner) {
            return owner;
        }
        const folder = byDepth(
            [...this.folderProjects.entries()].filter(([dir]) => isInside(dir, file)).map(([, project]) => project),
            (project) => project.dir,
        );
        if (folder) {
            return folder;
        }
        let dir = path.dirname(file);
        for (let at = dir; at !== path.dirname(at); at = path.dirname(at)) {
            if (path.basename(at) === "migrations" && path.basename(path.dirname(at)) === "supabase") {
                dir = path.dirname(path.dirname(at));
                break;
            }
        }
        let project = this.looseProjects.get(dir);
        if (!project) {
            project = this.loadProject(new Project(dir));
            this.looseProjects.set(dir, project);
        }
        return project;
    }

    /**
     * The open `.sql` documents, with their paths.
     * @returns {{ uri: string, file: string, document: TextDocument }[]}
     */
    openSqlDocuments() {
        /** @type {{ uri: string, file: string, document: TextDocument }[]} */
        const open = [];
        for (const document of this.documents.all()) {
            const file = filePathOf(document.uri);
            if (file !== null && file.endsWith(".sql")) {
                open.push({ uri: document.uri, file, document });
            }
        }
        return open;
    }

    /**
     * Queues documents for linting, `delay` ms from now (0: as soon as the current message is handled).
     * @param {string[]} uris
     * @param {number} delay
     */
    schedule(uris, delay) {
        for (const uri of uris) {
            this.pending.add(uri);
        }
        if (this.timer) {
            clearTimeout(this.timer);
        }
        this.timer = setTimeout(() => {
            this.timer = null;
            this.flush();
        }, delay);
    }

    relintAll() {
        this.schedule(
            this.openSqlDocuments().map(({ uri }) => uri),
            0,
        );
    }

    /**
     * The document, linted up to its current version first (a code action or
     * hover must see the findings of the text it acts on).
     * @param {string} uri
     * @returns {TextDocument | undefined}
     */
    fresh(uri) {
        const document = this.documents.get(uri);
        if (document && (this.pending.has(uri) || this.reports.get(uri)?.version !== document.version)) {
            this.pending.add(uri);
            if (this.timer) {
                clearTimeout(this.timer);
                this.timer = null;
            }
            this.flush();
        }
        return document;
    }

    /**
     * Lints the queued documents: per project, one engine call for all its open migrations, and one per other `.sql` file.
     */
    flush() {
        const queued = this.pending;
        this.pending = new Set();
        const open = this.openSqlDocuments();
        /** @type {Map<Project, typeof open>} */
        const byProject = new Map();
        for (const entry of open) {
            const project = this.projectFor(entry.file);
            byProject.set(project, [...(byProject.get(project) ?? []), entry]);
        }
        for (const [project, entries] of byProject) {
            // An editor that reports no file changes still gets an edited configuration file.
            if (project.isConfigStale()) {
                this.loadProject(project);
                entries.forEach((entry) => queued.add(entry.uri));
            }
            if (!entries.some((entry) => queued.has(entry.uri))) {
                continue;
            }
            this.guard("lint", () => this.lintProject(project, entries, queued), undefined, entries);
        }
    }

    /**
     * @param {Project} project
     * @param {{ uri: string, file: string, document: TextDocument }[]} entries the project's open `.sql` documents
     * @param {Set<string>} queued the documents that changed
     */
    lintProject(project, entries, queued) {
        if (project.resolved === null || project.configError !== null) {
            this.publishConfigError(project, entries);
            return;
        }
        this.clearConfigError(project);
        const migrations = entries.filter((entry) => project.isMigration(entry.file));
        try {
            if (migrations.some((entry) => queued.has(entry.uri))) {
                const lints = lintMigrations(engine, project, migrations.map(openText), this.rules);
                for (const entry of migrations) {
                    this.publish(project, entry.document, /** @type {FileLint} */ (lints.get(entry.file)));
                }
            }
            for (const entry of entries) {
                if (!project.isMigration(entry.file) && queued.has(entry.uri)) {
                    this.publish(project, entry.document, lintAlone(engine, project, openText(entry), this.rules));
                }
            }
        } catch (error) {
            if (!isSupalintError(error, "config")) {
                throw error;
            }
            project.reject(error);
            this.publishConfigError(project, entries);
        }
    }

    /**
     * @param {Project} project
     * @param {TextDocument} document
     * @param {FileLint} lint
     */
    publish(project, document, lint) {
        const root = /** @type {NonNullable<Project["resolved"]>} */ (project.resolved).root;
        /** @type {ReportEntry[]} */
        const entries = lint.diagnostics.map((diagnostic) => ({
            engine: diagnostic,
            lsp: toLspDiagnostic(diagnostic, { document, lint, root, rules: this.rules }),
        }));
        this.reports.set(document.uri, { version: document.version, bom: lint.bom, entries });
        this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: entries.map((entry) => entry.lsp) });
    }

    /**
     * Shows why a project is not linted: on its configuration file, and at the top of its open `.sql` documents.
     * @param {Project} project
     * @param {{ uri: string, document: TextDocument }[]} entries
     */
    publishConfigError(project, entries) {
        const error = /** @type {SupalintError} */ (project.configError);
        const configPath = error.configPath ?? project.resolved?.configPath ?? null;
        const message = error.message;
        if (configPath !== null) {
            const uri = pathToFileURL(configPath).href;
            this.configDiagnostics.add(uri);
            this.connection.sendDiagnostics({ uri, diagnostics: [serverDiagnostic(message, "config")] });
        }
        for (const { uri, document } of entries) {
            this.reports.set(uri, { version: document.version, bom: 0, entries: [] });
            this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: [serverDiagnostic(message, "config")] });
        }
    }

    /**
     * Clears a configuration diagnostic published earlier for this project's configuration file.
     * @param {Project} project
     */
    clearConfigError(project) {
        const configPath = project.resolved?.configPath;
        const uri = configPath ? pathToFileURL(configPath).href : null;
        if (uri !== null && this.configDiagnostics.delete(uri)) {
            this.connection.sendDiagnostics({ uri, diagnostics: [] });
        }
    }

    /**
     * @param {string} uri
     * @returns {import("vscode-languageserver").CodeAction | null}
     */
    fixAll(uri) {
        const document = this.documents.get(uri);
        const file = filePathOf(uri);
        if (!document || file === null) {
            return null;
        }
        const project = this.projectFor(file);
        if (project.resolved === null || project.configError !== null) {
            return null;
        }
        const migrations = this.openSqlDocuments()
            .filter((entry) => project.isMigration(entry.file))
            .map(openText);
        return fixAllAction(document, fixFile(engine, project, migrations, openText({ file, document }), this.rules));
    }

    /**
     * A document was closed: its findings go, and the disk's text is the history again.
     * @param {string} uri
     */
    closed(uri) {
        this.reports.delete(uri);
        this.pending.delete(uri);
        this.connection.sendDiagnostics({ uri, diagnostics: [] });
        const file = filePathOf(uri);
        if (file !== null && file.endsWith(".sql")) {
            this.filesChanged([uri]);
        }
    }

    /**
     * Files changed on disk: migrations are read again, configuration changes reload the projects.
     * @param {string[]} uris
     */
    filesChanged(uris) {
        this.guard("file changes", () => {
            // An install rewrites many package.json files under node_modules: none of them is configuration.
            const files = uris.map(filePathOf).filter((file) => file !== null && !file.split(path.sep).includes("node_modules"));
            const projects = [...this.folderProjects.values(), ...this.looseProjects.values()];
            if (files.some((file) => !file.endsWith(".sql") || projects.some((project) => project.isConfigInput(file)))) {
                for (const project of projects) {
                    this.loadProject(project);
                }
                this.relintAll();
                return;
            }
            /** @type {Set<Project>} */
            const touched = new Set();
            for (const file of files) {
                for (const project of projects) {
                    if (project.refreshFile(file)) {
                        touched.add(project);
                    }
                }
            }
            const affected = this.openSqlDocuments().filter((entry) => touched.has(this.projectFor(entry.file)));
            if (affected.length > 0) {
                this.schedule(
                    affected.map((entry) => entry.uri),
                    0,
                );
            }
        }, undefined);
    }

    /**
     * Runs a handler; a failure is logged and, for a lint, shown on the documents instead of ending the server.
     * @template T
     * @param {string} what
     * @param {() => T} handler
     * @param {T} fallback
     * @param {{ uri: string, document: TextDocument }[]} [documents] where to show a lint failure
     * @returns {T}
     */
    guard(what, handler, fallback, documents = []) {
        try {
            return handler();
        } catch (error) {
            const message = `supalint could not finish (${what}): ${messageOf(error)}`;
            this.connection.console.error(`${message}\n${error instanceof Error ? error.stack : ""}`);
            for (const { uri, document } of documents) {
                this.reports.set(uri, { version: document.version, bom: 0, entries: [] });
                /** @type {Diagnostic} */
                const diagnostic = serverDiagnostic(`${message}; please report it.`, "internal-error");
                this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: [diagnostic] });
            }
            return fallback;
        }
    }
}

/**
 * @param {WorkspaceFolder} folder
 * @returns {string | null}
 */
function folderPath(folder) {
    return filePathOf(folder.uri);
}

/**
 * @param {{ file: string, document: TextDocument }} entry
 * @returns {OpenText}
 */
function openText({ file, document }) {
    return { file, text: document.getText() };
}
