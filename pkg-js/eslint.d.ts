// Types of `supalint/eslint`, the ESLint plugin (SPEC §8). Hand-written:
// tests/eslint/types.test.js checks that every runtime export is declared
// here and nothing more. Needs ESLint's own types (`eslint` >= 9.7).

import type { ESLint, Linter, Rule } from "eslint";
import type { Fix, Suggestion } from "./index.js";

/** The options `supalint/sql` reads from `languageOptions` (SPEC §5). */
export interface SqlLanguageOptions {
    /** The migrations folder, relative to the process's working directory or absolute. Default: the nearest `supabase/migrations` folder above each file, else the file's own folder. */
    migrationsDir?: string;
    /** Schemas the Data API exposes. Default `["public"]`. */
    exposedSchemas?: string[];
    /** The super-admin check policies should call, or null for none. Default `"public.is_super_admin"`. */
    adminFunction?: string | null;
    /** Functions that count as an authorization check in `SECURITY DEFINER` bodies. */
    authorizationFunctions?: string[];
    /** Roles a new table's privileges must be revoked from. Default `["authenticated", "service_role"]`. */
    revokeRoles?: string[];
    /** Tables whose `INSERT`s need `ON CONFLICT`. */
    seedTables?: string[];
    /** Storage bucket ids the application registers; null leaves `storage-bucket-registered` inactive. */
    registeredBuckets?: string[] | null;
    /** The TypeScript file whose `StorageBuckets` constant lists the buckets; `registeredBuckets` wins. */
    storageBucketsFile?: string;
    /** Words a migration description must not end with. */
    versionSuffixWords?: string[];
    /** A 14-digit migration version: that migration and older ones already ran, so their fixes are offered as suggestions, not applied by `--fix`. */
    frozenBefore?: string | null;
}

/** A 1-based line and column (UTF-16 code units). */
export interface SqlPosition {
    line: number;
    column: number;
}

export interface SqlSourceLocation {
    start: SqlPosition;
    end: SqlPosition;
}

/** A `--` or `/* *\/` comment; `value` is the text between the delimiters. */
export interface SqlComment {
    type: "LineComment" | "BlockComment";
    value: string;
    /** UTF-16 offsets, end exclusive. */
    range: [number, number];
    loc: SqlSourceLocation;
}

/** A finding of the engine, as the plugin's rules report it. */
export interface SqlFinding {
    ruleId: string;
    severity: 1 | 2;
    message: string;
    messageId: string;
    data: Record<string, string>;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    range: [number, number];
    byteRange: [number, number];
    fix?: Fix;
    suggestions?: Suggestion[];
    docsUrl: string;
}

/** The root, and only visited, node of a migration. */
export interface SqlDocument {
    type: "Document";
    range: [number, number];
    loc: SqlSourceLocation;
    comments: SqlComment[];
    /** The engine's findings for this file, every rule included. */
    diagnostics: SqlFinding[];
    /** The path the engine saw, relative to its project root. */
    path: string;
    /** The engine paths of the migrations linted with this one (its history), this one included. */
    history: string[];
}

export type SqlParseResult =
    | { ok: true; ast: SqlDocument }
    | { ok: false; errors: { message: string; line: number; column: number }[] };

/** The ESLint language `supalint/sql`. */
export class SqlLanguage {
    fileType: "text";
    lineStart: 1;
    columnStart: 1;
    nodeTypeKey: "type";
    visitorKeys: Record<string, string[]>;
    validateLanguageOptions(languageOptions: SqlLanguageOptions): void;
    parse(file: { path: string; body: string | Uint8Array }, context?: { languageOptions?: SqlLanguageOptions }): SqlParseResult;
    createSourceCode(file: { path: string; body: string | Uint8Array }, parseResult: { ast: SqlDocument }, context?: { languageOptions?: SqlLanguageOptions }): SqlSourceCode;
}

/** The `SourceCode` of a migration (`context.sourceCode` in the plugin's rules). */
export class SqlSourceCode {
    /** `lintWithRules` lints the file again with only the given engine rules (for `supalint-disable…` comments). */
    constructor(options: { text: string; ast: SqlDocument; lintWithRules?: (ruleIds: string[]) => SqlFinding[] });
    text: string;
    ast: SqlDocument;
    comments: SqlComment[];
    get lines(): string[];
    /** Every comment, in order, as JavaScript's `SourceCode` gives them (core rules read it). */
    getAllComments(): SqlComment[];
    /** Notes that ESLint runs the plugin rule for this engine rule (its id without `supalint/`). */
    enableRule(ruleId: string): void;
    /** The engine's findings of one rule (its id without `supalint/`) in this file. */
    getFindings(ruleId: string): SqlFinding[];
    getText(node?: { range: [number, number] }, beforeCount?: number, afterCount?: number): string;
    getLoc(nodeOrToken: { loc: SqlSourceLocation }): SqlSourceLocation;
    getRange(nodeOrToken: { range: [number, number] }): [number, number];
    getLocFromIndex(index: number): SqlPosition;
    getIndexFromLoc(loc: SqlPosition): number;
    getParent(node: unknown): undefined;
    getAncestors(node: unknown): unknown[];
    getInlineConfigNodes(): SqlComment[];
    getDisableDirectives(): {
        problems: { ruleId: null; message: string; loc: SqlSourceLocation }[];
        directives: { type: "disable" | "enable" | "disable-next-line" | "disable-line"; node: SqlComment; value: string; justification: string }[];
    };
    applyInlineConfig(): {
        configs: { config: { rules: Linter.RulesRecord }; loc: SqlSourceLocation }[];
        problems: { ruleId: null; message: string; loc: SqlSourceLocation }[];
    };
    traverse(): Iterable<unknown>;
}

/** The plugin: language `supalint/sql`, one rule per engine rule, `configs.recommended`. */
declare const plugin: ESLint.Plugin & {
    meta: { name: "supalint"; version: string; namespace: "supalint" };
    languages: { sql: SqlLanguage };
    /** One rule per engine rule, by id (`supalint/<id>` in a configuration). */
    rules: Record<string, Rule.RuleModule>;
    configs: {
        /** Files `**\/supabase/migrations/**\/*.sql`, the plugin, the language and the recommended severities. */
        recommended: Linter.Config & { files: string[]; language: "supalint/sql"; rules: Record<string, "error" | "warn"> };
    };
};

export default plugin;
