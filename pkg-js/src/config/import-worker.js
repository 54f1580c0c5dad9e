/**
 * @file Worker side of `import-sync.js`: imports the module and answers with
 * its default export (or its namespace, copied).
 */

import { answerWith } from "../workers/blocking-worker-side.js";

await answerWith(async ({ url }) => {
    const module = await import(url);
    return "default" in module ? module.default : { ...module };
});
