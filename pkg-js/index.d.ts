// Types of the `supalint` package (SPEC §8). Hand-written: tests/types.test.js
// checks that every runtime export is declared here and nothing more.

export type Severity = "error" | "warn" | "off" | 0 | 1 | 2;
export type RuleEntry = Severity | [Severity, Record<string, unknown>?];

/** A configuration as written in `supalint.config.json` (SPEC §5). */
export interface SupalintConfig {
    extends?: "recommended" | "all" | "none";
    rules?: Record<string, RuleEntry>;
    migrationsDir?: string;
    exposedSchemas?: string[];
    adminFunction?: string | null;
    authorizationFunctions?: string[];
    revokeRoles?: string[];
    seedTables?: string[];
    storageBucketsFile?: string;
    registeredBuckets?: string[] | null;
    versionSuffixWords?: string[];
    /** A 14-digit migration version: that migration and older ones already ran, so fixes leave them alone. */
    frozenBefore?: string | null;
}

/** A configuration resolved against a project. */
export interface ResolvedConfig {
    /** Absolute project root: the configuration file's folder, or where the lookup started. Empty in the browser. */
    root: string;
    /** The configuration file, or null when none was found. */
    configPath: string | null;
    /** The migrations folder: absolute in Node, as configured in the browser. */
    migrationsPath: string;
    /** What the engine receives: the user's configuration with defaults filled in. */
    config: SupalintConfig;
}

export interface Fix {
    /** UTF-16 offsets into the text. */
    range: [number, number];
    text: string;
}

export interface Suggestion {
    desc: string;
    messageId: string;
    fix: Fix;
}

/** One problem, in ESLint's message shape. Columns count UTF-16 code units. */
export interface LintMessage {
    ruleId: string;
    severity: 1 | 2;
    message: string;
    messageId: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    fix?: Fix;
    suggestions?: Suggestion[];
    /** How to fix it, one or two short sentences (the why is in the rule's docs). ESLint's formatters ignore it. */
    help?: string;
    /** The rule's documentation. ESLint's formatters ignore it. */
    docsUrl?: string;
}

/** One file's result, in ESLint's result shape (SPEC §7). */
export interface LintResult {
    /** Absolute in Node (as ESLint); the given path in the browser. */
    filePath: string;
    messages: LintMessage[];
    errorCount: number;
    warningCount: number;
    fixableErrorCount: number;
    fixableWarningCount: number;
    /** The linted text, when there are messages and no output. */
    source?: string;
    /** The fixed text, when fixing changed the file. */
    output?: string;
    /** With `output`: how many problems the fixes resolved. */
    fixedCount?: number;
    /** Why the fixes of this file were not applied. */
    fixRefused?: string;
    /** A fix run left this migration alone, although fixes were available, because it already ran: `applied` (it existed at the `--since` ref) or `frozenBefore`. Its messages keep their fixes. */
    fixWithheld?: "applied" | "frozenBefore";
}

export interface LintStats {
    files: number;
    statements: number;
    /** Statements sqlparser accepted; null only from an engine call with `validate: false` (the library's functions always count them). */
    parsed: number | null;
    /** Statements read from their tokens alone; null as `parsed`. */
    fallback: number | null;
}

export interface LintReport {
    results: LintResult[];
    /** Run statistics; null when fixing. */
    stats: LintStats | null;
    /** Files on which the engine crashed (its instance was re-created and the others linted); absent when none did. */
    engineCrashes?: { filePath: string; message: string }[];
}

export interface FixTextResult {
    output: string;
    fixed: boolean;
    /** The problems that remain. */
    messages: LintMessage[];
    refused?: string;
    /** Why the text was left alone although fixes were available: it is a migration that already ran. */
    withheld?: "applied" | "frozenBefore";
}

export interface RuleMeta {
    id: string;
    category: "naming" | "idempotency" | "access" | "storage" | "safety" | "style" | "engine";
    /** The category as a heading, e.g. "Safe schema changes". */
    categoryTitle: string;
    /** The category's place in SPEC §3's order (naming: 0), for listing rules by category. */
    categoryRank: number;
    /** The default severity: the one `recommended` gives. */
    severity: "error" | "warn" | "off";
    /** The severity each preset (`extends`) gives the rule. */
    presets: Record<"recommended" | "all" | "none", "error" | "warn" | "off">;
    fixable?: "fix" | "suggestion" | null;
    summary: string;
    /** Markdown: What it does, Why is this bad?, Example, Fix safety, Options, References. */
    docs: string;
    /**
     * The docs' `sql` blocks, in order: `file` is the name a block is linted as, `since` the
     * versions that existed at a `--since` ref, `registeredBuckets` the bucket ids it is
     * linted with, and `files` the migrations it holds (split at `-- file: <name>.sql` lines;
     * no name: the default example path); `baseFiles` the `-- base:` sections, the text an applied
     * migration had at the `--since` ref (absent when none).
     */
    examples: { valid: boolean; code: string; file?: string; since?: string[]; registeredBuckets?: string[]; files: { name?: string; text: string }[]; baseFiles?: { name: string; text: string }[] }[];
    options: string[];
    sources: string[];
    docsUrl: string;
    /** Message templates by id, as ESLint's `meta.messages`. */
    messages: Record<string, string>;
    /** Each message's help template, by message id. */
    messageHelp: Record<string, string>;
}

/** One key a configuration may hold, as the engine describes it. */
export interface ConfigKey {
    key: string;
    /** `path`: relative to the project root, resolved by the host (Node). */
    type: "preset" | "rules" | "path" | "stringList" | "stringListOrNull" | "functionOrNull" | "versionOrNull" | "any";
    /** What the engine uses when the key is absent; null for none, or for a default the host finds on disk. */
    default: unknown;
    /** A short label, for a form. */
    title: string;
    /** One sentence: what the key does. */
    description: string;
    /** `project`: a fact about the project the rules read (the ESLint plugin's `languageOptions`); `ignored`: kept for editors and other tools. */
    group: "rules" | "project" | "ignored";
}

/** A file to lint in memory; `path` is relative to the project root. */
export interface Source {
    path: string;
    text: string;
}

export interface LintOptions {
    /** Node: where paths and the configuration lookup start (default: the working directory). */
    cwd?: string;
    /** Node: a configuration file to use instead of the lookup. */
    configFile?: string;
    /** A configuration object to use instead of any file. */
    config?: SupalintConfig;
    /** Node: a configuration `loadConfig` already resolved, used as it is (no file is read or run again). */
    resolvedConfig?: ResolvedConfig;
    /** Node: merged over the configuration (`rules` merged rule by rule). */
    overrideConfig?: SupalintConfig;
    /** Apply fixes in memory: results carry `output` when a file changed. Nothing is written. */
    fix?: boolean;
    /** With `fix`: rewrite migrations at or before `frozenBefore` (or applied) too. */
    fixApplied?: boolean;
    /** The time for time-based rules (default: now). */
    now?: string | Date;
    /** Honour `supalint-*` directives (default true). */
    inlineConfig?: boolean;
    reportUnusedDisableDirectives?: boolean;
    /** Check each statement with sqlparser (default true); false skips that third of the work, and the report's `stats.parsed` and `stats.fallback` are null. No rule reads it. */
    validate?: boolean;
    /** With in-memory sources: the paths to report (default: all). */
    reportPaths?: string[];
    /** Node: called while files are read and linted. */
    onProgress?: (progress: { phase: "read" | "lint"; done: number; total: number }) => void;
}

export interface LintTextOptions extends LintOptions {
    /** The file's path, which the file-naming rules check (default `<text>`). */
    filePath?: string;
    /** Other migrations, for the rules that look across files. */
    history?: Source[];
}

/** The roles a Supabase client acts as. */
export type ApiRole = "anon" | "authenticated";

export type AccessCommand = "select" | "insert" | "update" | "delete";

/** What one API role reaches with one command (docs/access.md). */
export interface AccessCell {
    rows: "none" | "all" | "some";
    /** With `some`: what a row must meet (the permissive policies' conditions OR-ed, then AND-ed with the restrictive ones'). */
    condition?: string;
    /** Unless `none`: the policies that decide. */
    policies?: string[];
    /** `insert` and `update` on a table: the columns the role may write. */
    writableColumns?: string[];
}

/** A table of an exposed schema, or `storage.objects` for one bucket. */
export interface AccessRelation {
    /** Schema-qualified, e.g. `public.profiles`. */
    name: string;
    /** For `storage.objects`: the bucket; null for a table. */
    bucket: string | null;
    rls: boolean;
    access: Record<ApiRole, Record<AccessCommand, AccessCell>>;
}

/** Who can do what in the database the migrations leave. */
export interface AccessMatrix {
    /** Tables by name, then storage buckets by id. */
    relations: AccessRelation[];
    /** Files the matrix leaves out (unreadable, or the engine crashed on them); absent when none were. */
    skippedFiles?: { filePath: string; message: string }[];
}

export interface AccessMatrixOptions {
    /** Node: where paths and the configuration lookup start (default: the working directory). */
    cwd?: string;
    /** Node: a configuration file to use instead of the lookup. */
    configFile?: string;
    /** A configuration object to use instead of any file. */
    config?: SupalintConfig;
    /** Node: a configuration `loadConfig` already resolved, used as it is (no file is read or run again). */
    resolvedConfig?: ResolvedConfig;
    /** Node: merged over the configuration. */
    overrideConfig?: SupalintConfig;
}

/**
 * What failed: `config` the configuration, `usage` the command line or what a
 * subcommand was asked to do, `project` a project a subcommand cannot work on,
 * `files` paths and files, `git`, `database`, `cluster` the throwaway
 * PostgreSQL of `verify`, `engine` a missing WebAssembly engine.
 */
export type SupalintErrorKind = "config" | "usage" | "project" | "files" | "git" | "database" | "cluster" | "engine";

/** One problem with one configuration key. */
export interface ConfigProblem {
    /** The key, dotted for nested keys (`rules.foo`); empty when the whole file is bad. */
    key: string;
    message: string;
}

/**
 * A failure the user can act on (the CLI exits with 2 and its message). The
 * API throws it for a bad configuration (`kind: "config"`, each bad key in
 * `problems`) and for paths that match no file (`kind: "files"`, in `patterns`).
 */
export class SupalintError extends Error {
    constructor(
        kind: SupalintErrorKind,
        message: string,
        details?: { problems?: ConfigProblem[]; configPath?: string | null; patterns?: string[]; fileKind?: "notRegular" | "tooLarge" | "unreadable"; size?: number },
    );
    kind: SupalintErrorKind;
    /** `config`: what is wrong, one entry per key (empty for other kinds). */
    problems: ConfigProblem[];
    /** `config`: the file the configuration came from. */
    configPath: string | null;
    /** `files`: the patterns that matched no file (empty for other kinds). */
    patterns: string[];
    /** `files`: why a file could not be read. */
    fileKind?: "notRegular" | "tooLarge" | "unreadable";
    /** `files`: the size of a file over its limit. */
    size?: number;
}

/** The engine version. In the browser, empty until `ready` settles. */
export const version: string;

/** Settles once the engine is loaded (already settled in Node). */
export const ready: Promise<void>;

/** Loads the engine, optionally from a given `.wasm` (browser); does nothing in Node. */
export function init(source?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;

/**
 * Resolves the configuration. Node: from a file, or by lookup upwards from a
 * folder (default: the working directory), or from an object. Browser: from an object.
 */
export function loadConfig(from?: string | SupalintConfig): ResolvedConfig;

/** The metadata of every rule. */
export function rules(): RuleMeta[];

/** Every key a configuration may hold, with its type, default and description. */
export function configSchema(): ConfigKey[];

/**
 * Node: lints files, folders and glob patterns (default: the migrations
 * folder), with the whole migrations folder as history; or in-memory sources.
 * Browser: in-memory sources only.
 */
export function lintFiles(patterns?: string | string[] | Source[], options?: LintOptions): LintReport;

/** Lints one text. */
export function lintText(text: string, options?: LintTextOptions): LintReport;

/** Applies every safe fix to one text. */
export function fixText(text: string, options?: LintTextOptions): FixTextResult;

/**
 * Who can do what in the database the migrations leave: per table of an
 * exposed schema and per storage bucket, for `anon` and `authenticated`.
 * Node: of the migrations folder (no patterns), of exactly the files the
 * patterns name, or of in-memory sources. Browser: in-memory sources only.
 */
export function accessMatrix(patterns?: string | string[] | Source[], options?: AccessMatrixOptions): AccessMatrix;
