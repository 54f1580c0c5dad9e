/**
 * @file `supalint lsp [--stdio]`: the language server (docs/editors.md),
 * speaking the Language Server Protocol over standard input and output. It
 * runs until the client sends `exit` or closes the stream.
 */

/** @import { CommandIo } from "./command-io.js" */

import { parseCommandArgs } from "../parse-args.js";
import { reportFailure } from "./command-io.js";

/** The text of `supalint lsp --help`. */
const LSP_HELP = `Usage: supalint lsp [--stdio]

Starts the supalint language server on standard input and output, for an
editor to start (see docs/editors.md: VS Code, Neovim, Zed, Helix). It lints
open .sql files as you type: migrations with their folder's whole history,
other .sql files with the per-file rules only. Quick fixes, "fix all"
(source.fixAll.supalint), "disable for this line" and rule docs on hover.

Options:
      --stdio                 Talk over standard input and output (the default and only transport)
  -h, --help                  Show this help
`;

/**
 * Runs `supalint lsp`.
 * @param {string[]} argv the arguments after `lsp`
 * @param {CommandIo} io
 * @returns {Promise<0 | 2>} 0 once the server runs (the process then lives until the client exits), 2 on a usage error
 */
export async function runLsp(argv, io) {
    let values;
    try {
        ({ values } = parseCommandArgs({
            args: argv,
            options: {
                stdio: { type: "boolean" },
                // vscode-languageclient adds the editor's process id; the server exits when that process is gone.
                clientProcessId: { type: "string" },
                help: { type: "boolean", short: "h" },
            },
            allowPositionals: false,
        }));
    } catch (error) {
        return reportFailure(error, io, { command: "lsp", usageHint: true });
    }
    if (values.help) {
        io.stdout.write(LSP_HELP);
        return 0;
    }
    const [{ createConnection, ProposedFeatures }, { startServer }] = await Promise.all([
        import("vscode-languageserver/node"),
        import("../../lsp/server.js"),
    ]);
    // Standard output is the protocol's: anything else the process prints goes to standard error.
    console.log = console.error;
    console.info = console.error;
    console.debug = console.error;
    console.warn = console.error;
    startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout));
    return 0;
}
