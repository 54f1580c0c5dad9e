/**
 * @file What the commands that connect to a database (`verify`, `status`)
 * share: reading their command line, and running them with every output
 * redacted so the `--db-url` password never shows.
 */

/** @import { CommandIo } from "./command-io.js" */

import { parseCommandArgs } from "../parse-args.js";
import { createRedactor } from "../../db/redact.js";
import { dbUrlOf, reportFailure, REPORT_OPTIONS, withRedaction } from "./command-io.js";

/**
 * Reads the command line of a database command: `--db-url`, the report
 * options and the command's own `options`, with any paths kept for the
 * command to reject.
 * @param {string[]} argv the arguments after the command's name
 * @param {import("node:util").ParseArgsConfig["options"]} options the command's own options
 * @returns {{ values: Record<string, any>, positionals: string[] }}
 * @throws {import("../../errors.js").SupalintError} (`usage`) for a command line the options do not describe
 */
export function parseDatabaseCommandArgs(argv, options) {
    return parseCommandArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
            "db-url": { type: "string" },
            ...options,
            ...REPORT_OPTIONS,
        },
    });
}

/**
 * Runs a database command: its arguments read by `parseArgs` (a usage error
 * points to the help), `--help` answered with `help`, then `run`; whatever
 * stops it is reported as exit code 2. Everything it prints, the usage errors
 * too, passes through one redaction.
 * @template {{ help: boolean }} Options
 * @param {string[]} argv the arguments after the command's name
 * @param {CommandIo} given
 * @param {object} command
 * @param {string} command.name the subcommand, as errors name it
 * @param {string} command.help the text of `--help`
 * @param {(argv: string[]) => Options} command.parseArgs
 * @param {(options: Options, io: CommandIo) => Promise<0 | 1>} command.run
 * @returns {Promise<0 | 1 | 2>} the exit code
 */
export async function runDatabaseCommand(argv, given, { name, help, parseArgs, run }) {
    // Everything the command prints passes through one redaction: the URL's password never shows.
    const io = withRedaction(given, createRedactor(dbUrlOf(argv), given.env));
    let options;
    try {
        options = parseArgs(argv);
    } catch (error) {
        return reportFailure(error, io, { command: name, usageHint: true });
    }
    if (options.help) {
        io.stdout.write(help);
        return 0;
    }
    try {
        return await run(options, io);
    } catch (error) {
        return reportFailure(error, io, { command: name });
    }
}
