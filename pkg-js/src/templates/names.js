/**
 * @file The names a template uses, read from the migration's description:
 * `create_projects` makes the table `projects`, `add_status_to_projects` the
 * column `status` of `projects`, and so on. What the description does not
 * name gets a placeholder that says what to put there.
 */

/** Leading words that say what the migration does, not what it acts on. */
const VERBS = new Set(["add", "alter", "change", "create", "enable", "make", "new", "setup", "update"]);

/** Words before which a description names the table it acts on. */
const TABLE_MARKERS = new Set(["to", "on", "for", "in"]);

/** The table a template acts on when the description names none. */
export const PLACEHOLDER_TABLE = "your_table";

/**
 * The words of a snake_case description.
 * @param {string} description
 * @returns {string[]}
 */
function wordsOf(description) {
    return description.split("_").filter((word) => word !== "");
}

/**
 * The words without a leading verb (`create_projects` → `projects`), unless
 * nothing else is left.
 * @param {string[]} words
 * @returns {string[]}
 */
function withoutVerb(words) {
    return words.length > 1 && VERBS.has(words[0]) ? words.slice(1) : words;
}

/**
 * The words without trailing ones of `suffixes`, unless nothing else is left.
 * @param {string[]} words
 * @param {string[]} suffixes
 * @returns {string[]}
 */
function withoutSuffix(words, suffixes) {
    let end = words.length;
    while (end > 1 && suffixes.includes(words[end - 1])) {
        end -= 1;
    }
    return words.slice(0, end);
}

/**
 * Splits `<subject>_to_<table>` (or `on`, `for`, `in`) at the last marker.
 * @param {string[]} words
 * @returns {{ subject: string[], table: string[] }} `table` empty when there is no marker
 */
function splitAtTable(words) {
    for (let i = words.length - 2; i >= 1; i -= 1) {
        if (TABLE_MARKERS.has(words[i])) {
            return { subject: words.slice(0, i), table: words.slice(i + 1) };
        }
    }
    return { subject: words, table: [] };
}

/**
 * `create_projects`, `create_projects_table`, `projects` → `projects`.
 * @param {string} description
 * @returns {string}
 */
export function tableName(description) {
    return withoutSuffix(withoutVerb(wordsOf(description)), ["table"]).join("_");
}

/**
 * `add_status_to_projects`, `add_status_column_to_projects` → column
 * `status` of `projects`; without a table (`add_status`), the placeholder.
 * @param {string} description
 * @returns {{ table: string, column: string }}
 */
export function columnNames(description) {
    const { subject, table } = splitAtTable(withoutVerb(wordsOf(description)));
    return {
        table: table.length > 0 ? table.join("_") : PLACEHOLDER_TABLE,
        column: withoutSuffix(subject, ["column", "columns"]).join("_"),
    };
}

/**
 * `add_projects_policies`, `projects_rls`, `add_policies_to_projects` → `projects`.
 * @param {string} description
 * @returns {string}
 */
export function policyTable(description) {
    const words = withoutVerb(wordsOf(description));
    const { subject, table } = splitAtTable(words);
    if (table.length > 0) {
        return table.join("_");
    }
    const rest = withoutSuffix(subject, ["policy", "policies", "rls", "access"]);
    return ["policy", "policies", "rls", "access"].includes(rest[0]) ? PLACEHOLDER_TABLE : rest.join("_");
}

/**
 * `create_avatars_bucket`, `storage_profile_images` → `avatars`, `profile-images`
 * (bucket ids are conventionally kebab-case), with the snake_case form for
 * the names of its policies.
 * @param {string} description
 * @returns {{ id: string, stem: string }}
 */
export function bucketNames(description) {
    let words = withoutSuffix(withoutVerb(wordsOf(description)), ["bucket", "buckets"]);
    if (words.length > 1 && words[0] === "storage") {
        words = words.slice(1);
    }
    return { id: words.join("-"), stem: words.join("_") };
}

/**
 * `create_archive_project_function`, `archive_project_rpc` → `archive_project`.
 * @param {string} description
 * @returns {string}
 */
export function functionName(description) {
    return withoutSuffix(withoutVerb(wordsOf(description)), ["function", "fn", "rpc"]).join("_");
}
