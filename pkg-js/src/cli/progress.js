/**
 * @file Progress on a terminal for long runs (standard error, one line
 * rewritten in place, erased at the end).
 */

/** Runs with fewer files than this finish too fast to need progress. */
const MIN_FILES = 100;

/**
 * @typedef {{ phase: "read" | "lint", done: number, total: number }} ProgressEvent
 */

/**
 * A progress reporter: `update` for each event, `done` to erase the line.
 * @param {NodeJS.WritableStream & { isTTY?: boolean }} stream where to draw
 * @returns {{ update: (event: ProgressEvent) => void, done: () => void }}
 */
export function createProgress(stream) {
    let drawn = false;
    let last = 0;
    return {
        update({ phase, done, total }) {
            if (!stream.isTTY || total < MIN_FILES) {
                return;
            }
            const now = Date.now();
            if (phase === "read" && done < total && now - last < 50) {
                return;
            }
            last = now;
            const text = phase === "read" ? `supalint: reading ${done}/${total} files` : `supalint: linting ${total} files…`;
            stream.write(`\r\u001B[K${text}`);
            drawn = true;
        },
        done() {
            if (drawn) {
                stream.write("\r\u001B[K");
                drawn = false;
            }
        },
    };
}
