/**
 * @file `supalint new <description> --template bucket`: a private storage
 * bucket and the policies that give each user a folder of their own.
 */

/** @import { TemplateSettings } from "./sql.js" */

import { bucketNames } from "./names.js";
import { adminNote, header, literal, orAdmin, policy } from "./sql.js";

/** Five megabytes. */
const FILE_SIZE_LIMIT = 5 * 1024 * 1024;

/**
 * @param {string} description the migration's description (snake_case), as `create_<bucket>_bucket`
 * @param {TemplateSettings} settings
 * @returns {string}
 */
export function bucketTemplate(description, settings) {
    const { id, stem } = bucketNames(description);
    const bucket = literal(id);
    // The first folder of an object's name is its owner's user id.
    const owner = orAdmin("(storage.foldername(name))[1] = (select auth.uid())::text", settings);
    const condition = `\n        bucket_id = ${bucket}\n        and (${owner})\n    `;
    const policies = /** @type {const} */ (["select", "insert", "update", "delete"]).map((command) =>
        policy({ name: `${stem}_${command}`, table: "storage.objects", command, condition }),
    );
    return `${header(`storage bucket ${id}`, [
        `Describe what the ${id} bucket stores and who reads and writes it.`,
        "The bucket is private, limits the size and the types of its files, and gives",
        `each user the folder named after their user id${settings.adminFunction === null ? "." : "; super admins reach every file."}`,
    ])}

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values (${bucket}, ${bucket}, false, ${FILE_SIZE_LIMIT}, array['image/png', 'image/jpeg', 'image/webp'])
on conflict (id) do nothing;

${adminNote(settings)}${policies.join("\n\n")}
`;
}
