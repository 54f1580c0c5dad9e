/**
 * @file Hook for `storageBucketsFile`: the ids of the storage buckets that the
 * application's TypeScript registers (its `StorageBuckets` constant), handed to
 * the engine as `registeredBuckets` for `storage-bucket-registered`.
 *
 * Reading that TypeScript file is a later issue; until then the list is
 * unknown (`null`), which keeps the rule inactive.
 */

/**
 * The bucket ids registered in `storageBucketsFile`, or `null` when unknown.
 * @param {string | undefined} _storageBucketsFile the configured path, relative to `_root`
 * @param {string} _root the project root
 * @returns {string[] | null}
 */
export function resolveRegisteredBuckets(_storageBucketsFile, _root) {
    return null;
}
