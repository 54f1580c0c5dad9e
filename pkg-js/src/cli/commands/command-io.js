/**
 * @file What the CLI's commands share about their input and output: the I/O
 * they are given, colour choice, writing the report, and error messages.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SupalintError } from "../../errors.js";

/**
 * Where a command reads and writes.
 * @typedef {object} CommandIo
 * @property {NodeJS.WritableStream & { isTTY?: boolean, columns?: number }} stdout
 * @property {NodeJS.WritableStream & { isTTY?: boolean }} stderr
 * @property {string} cwd
 * @property {Record<string, string | undefined>} env
 * @property {(text: string) => string} [redact] what every output passes through (`withRedaction`)
 */

/**
 * The I/O with every write to standard output, standard error and a report
 * file passed through `redact`, so that no output path can show a secret.
 * @param {CommandIo} io
 * @param {(text: string) => string} redact
 * @returns {CommandIo}
 */
export function withRedaction(io, redact) {
    const wrap = (/** @type {CommandIo["stdout"]} */ stream) =>
        /** @type {CommandIo["stdout"]} */ (
            /** @type {unknown} */ ({
                isTTY: stream.isTTY,
                write: (/** @type {string | Uint8Array} */ chunk, /** @type {unknown[]} */ ...rest) =>
                    stream.write(redact(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8")), ...rest),
            })
        );
    return { ...io, stdout: wrap(io.stdout), stderr: wrap(io.stderr), redact };
}

/** The options of every command that writes a report, in `util.parseArgs` form. */
export const REPORT_OPTIONS = Object.freeze({
    config: { type: "string", short: "c" },
    format: { type: "string", short: "f" },
    "output-file": { type: "string", short: "o" },
    color: { type: "boolean" },
    "no-color": { type: "boolean" },
    help: { type: "boolean", short: "h" },
});

/**
 * Rejects paths on the command line of a command that reads the configured
 * migrations folder.
 * @param {string[]} positionals
 * @param {string} doesWhat what the command does with the folder, e.g. "it reads"
 * @returns {void}
 * @throws {Error} when there is a path
 */
export function rejectPaths(positionals, doesWhat) {
    if (positionals.length > 0) {
        throw new SupalintError("usage", `takes no paths (got "${positionals[0]}"); ${doesWhat} the configured migrations folder.`);
    }
}

/**
 * The `--format` value, checked against the command's formats.
 * @param {string | undefined} format
 * @param {readonly string[]} formats the first is the default
 * @returns {string}
 * @throws {Error} for an unknown format
 */
export function chooseFormat(format, formats) {
    const chosen = format ?? formats[0];
    if (!formats.includes(chosen)) {
        throw new SupalintError("usage", `unknown format "${chosen}"; use one of ${formats.join(", ")}.`);
    }
    return chosen;
}

/**
 * `--color` / `--no-color` as one setting: undefined when neither is given.
 * @param {{ color?: boolean, "no-color"?: boolean }} values
 * @returns {boolean | undefined}
 * @throws {Error} when both are given
 */
export function colorOption(values) {
    if (values.color && values["no-color"]) {
        throw new SupalintError("usage", "--color and --no-color cannot be combined.");
    }
    return values["no-color"] ? false : values.color ? true : undefined;
}

/**
 * Whether to colour the report: forced by `--color`/`--no-color`, off for a
 * file, else as `NO_COLOR`, `FORCE_COLOR` and the terminal say.
 * @param {{ color: boolean | undefined, outputFile: string | undefined }} options
 * @param {CommandIo} io
 * @returns {boolean}
 */
export function useColor(options, io) {
    if (options.color !== undefined) {
        return options.color;
    }
    if (options.outputFile !== undefined) {
        return false;
    }
    const { NO_COLOR, FORCE_COLOR, TERM } = io.env;
    if (NO_COLOR !== undefined && NO_COLOR !== "") {
        return false;
    }
    if (FORCE_COLOR !== undefined) {
        return FORCE_COLOR !== "0" && FORCE_COLOR !== "false";
    }
    return Boolean(io.stdout.isTTY) && TERM !== "dumb";
}

/**
 * The terminal's width when the report goes to one, else undefined (a file or
 * a pipe has no width to fit).
 * @param {{ outputFile: string | undefined }} options
 * @param {CommandIo} io
 * @returns {number | undefined}
 */
export function terminalColumns(options, io) {
    const columns = io.stdout.columns;
    return options.outputFile === undefined && io.stdout.isTTY && columns !== undefined && columns > 0 ? columns : undefined;
}

/** `TERM_PROGRAM` values of terminals that show OSC 8 hyperlinks, with the first version that does. */
const LINKING_PROGRAMS = new Map([
    ["iTerm.app", [3, 1]],
    ["WezTerm", [0, 0]],
    ["vscode", [1, 72]],
    ["ghostty", [0, 0]],
]);

/**
 * Whether the report's rule ids may be OSC 8 hyperlinks, as the
 * `supports-hyperlinks` package decides: `FORCE_HYPERLINK` forces it either
 * way; never in a file, a pipe or CI logs; else only on terminals known to
 * show them (the others would print the sequence or nothing at all).
 * @param {{ outputFile: string | undefined }} options
 * @param {CommandIo} io
 * @returns {boolean}
 */
export function useHyperlinks(options, io) {
    const { FORCE_HYPERLINK, CI, TERM, TERM_PROGRAM, TERM_PROGRAM_VERSION = "", VTE_VERSION, WT_SESSION, KITTY_WINDOW_ID } = io.env;
    if (FORCE_HYPERLINK !== undefined) {
        return FORCE_HYPERLINK !== "0" && FORCE_HYPERLINK !== "false";
    }
    if (options.outputFile !== undefined || !io.stdout.isTTY || CI !== undefined || TERM === "dumb") {
        return false;
    }
    if (WT_SESSION !== undefined || KITTY_WINDOW_ID !== undefined || TERM === "xterm-kitty") {
        return true;
    }
    // VTE (GNOME Terminal, Tilix, …) writes 0.50.0 as 5000; 0.50.0 itself crashed on links.
    if (VTE_VERSION !== undefined) {
        return Number(VTE_VERSION) > 5000;
    }
    const since = TERM_PROGRAM === undefined ? undefined : LINKING_PROGRAMS.get(TERM_PROGRAM);
    if (since === undefined) {
        return false;
    }
    const [major = 0, minor = 0] = TERM_PROGRAM_VERSION.split(".").map(Number);
    return major > since[0] || (major === since[0] && minor >= since[1]);
}

/**
 * Writes the report to `--output-file`, or to standard output.
 * @param {string} text
 * @param {string | undefined} outputFile
 * @param {CommandIo} io
 * @returns {void}
 */
export function writeReport(text, outputFile, io) {
    if (outputFile === undefined) {
        io.stdout.write(text);
        return;
    }
    const file = path.resolve(io.cwd, outputFile);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, io.redact === undefined ? text : io.redact(text));
}

/**
 * The message of anything thrown.
 * @param {unknown} error
 * @returns {string}
 */
export function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}

/**
 * The value of `--db-url` in a command line not parsed yet, so that even a
 * usage error is redacted.
 * @param {string[]} argv
 * @returns {string | undefined}
 */
export function dbUrlOf(argv) {
    for (const [index, arg] of argv.entries()) {
        if (arg === "--db-url") {
            return argv[index + 1];
        }
        if (arg.startsWith("--db-url=")) {
            return arg.slice("--db-url=".length);
        }
    }
    return undefined;
}

/**
 * Reports what stopped a command, and is the one place that turns it into
 * exit code 2: a `SupalintError` by its message (a command line that cannot
 * run also points to the help, with `usageHint`), anything else as an
 * internal error, with its stack.
 * @param {unknown} error
 * @param {{ stderr: NodeJS.WritableStream }} io
 * @param {{ command?: string, usageHint?: boolean }} [where] the subcommand (none: `supalint` itself)
 * @returns {2}
 */
export function reportFailure(error, io, { command, usageHint = false } = {}) {
    const prefix = command === undefined ? "supalint" : `supalint ${command}`;
    if (error instanceof SupalintError) {
        const hint = usageHint && error.kind === "usage" ? `\nRun \`${prefix} --help\` for usage.` : "";
        io.stderr.write(`${prefix}: ${error.message}${hint}\n`);
    } else {
        const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
        io.stderr.write(`${prefix}: internal error, please report it:\n${detail}\n`);
    }
    return 2;
}
