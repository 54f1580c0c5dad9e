/**
 * @file `storageBucketsFile`: the ids of the storage buckets that the
 * application's TypeScript registers (its `StorageBuckets` constant), handed to
 * the engine as `registeredBuckets` for `storage-bucket-registered`.
 *
 * The file is parsed with `@babel/parser` (TypeScript syntax), never run, and
 * `StorageBuckets` may be any of:
 * - an object literal, `export const StorageBuckets = { AVATARS: 'avatars' } as const`
 *   (also wrapped in `satisfies …` or `Object.freeze(…)`): its string values;
 * - an enum, `export enum StorageBuckets { Avatars = 'avatars' }`: its string members;
 * - an array, `export const StorageBuckets = ['avatars', 'invoices'] as const`.
 * A value may also name a top-level string constant of the same file.
 */

/** @import { Node, Expression, Statement } from "@babel/types" */

import { statSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { CONFIG_FILE_LIMIT, readRegularFile } from "../files/regular-file.js";
import { configError } from "../errors.js";

// `@babel/parser` is loaded when a buckets file is read, not whenever a configuration is:
// importing it cost every lint run about 60 ms (bench/run.js, cold start).
const require = createRequire(import.meta.url);

/** The constant that lists the bucket ids. */
const CONSTANT_NAME = "StorageBuckets";

/** Files already read, by absolute path, with the size and modification time they were read at. */
const cache = new Map();

/**
 * The bucket ids registered in `storageBucketsFile`, or `null` when that key is
 * not set (the rule stays inactive).
 * @param {string | undefined} storageBucketsFile the configured path, relative to `root` (or absolute)
 * @param {string} root the configuration file's folder
 * @returns {string[] | null}
 * @throws {SupalintError} naming the file when it is missing, unreadable, not valid TypeScript, or has no `StorageBuckets` constant
 */
export function resolveRegisteredBuckets(storageBucketsFile, root) {
    if (storageBucketsFile === undefined) {
        return null;
    }
    return readRegisteredBuckets(path.resolve(root, storageBucketsFile));
}

/**
 * The string values of the `StorageBuckets` constant of a TypeScript or
 * JavaScript file, read again only when the file changes.
 * @param {string} file absolute path
 * @returns {string[]}
 * @throws {SupalintError} naming the file when it is missing, unreadable, not a regular file (a
 *   FIFO or a device), too large, not valid TypeScript, or has no `StorageBuckets` constant
 */
export function readRegisteredBuckets(file) {
    let stats;
    let text;
    try {
        text = readRegularFile(file, CONFIG_FILE_LIMIT).toString("utf8");
        stats = statSync(file);
    } catch (error) {
        throw problem(`cannot read ${file}: ${/** @type {Error} */ (error).message}.`);
    }
    const cached = cache.get(file);
    if (cached?.mtimeMs === stats.mtimeMs && cached.size === stats.size) {
        return [...cached.buckets];
    }
    const buckets = bucketsFromSource(text, file);
    cache.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, buckets });
    return [...buckets];
}

/**
 * The string values of the `StorageBuckets` constant in `text`.
 * @param {string} text the file's source
 * @param {string} file its path, for messages and to tell JSX files
 * @returns {string[]}
 * @throws {SupalintError} when the source does not parse or has no `StorageBuckets` constant
 */
function bucketsFromSource(text, file) {
    /** @type {import("@babel/parser").ParserPlugin[]} */
    const plugins = /\.[jt]sx$/u.test(file) ? ["typescript", "jsx"] : ["typescript"];
    let program;
    try {
        const { parse } = /** @type {typeof import("@babel/parser")} */ (require("@babel/parser"));
        program = parse(text, { sourceType: "unambiguous", plugins }).program;
    } catch (error) {
        throw problem(`cannot parse ${file}: ${/** @type {Error} */ (error).message}.`);
    }
    const declarations = topLevelDeclarations(program.body);
    const constants = stringConstants(declarations);
    for (const node of declarations) {
        if (node.type === "TSEnumDeclaration" && node.id.name === CONSTANT_NAME) {
            return enumValues(node, constants);
        }
        if (node.type === "VariableDeclaration") {
            for (const declarator of node.declarations) {
                if (declarator.id.type === "Identifier" && declarator.id.name === CONSTANT_NAME && declarator.init) {
                    const values = literalValues(declarator.init, constants);
                    if (values !== null) {
                        return values;
                    }
                }
            }
        }
    }
    throw problem(`${file} has no \`${CONSTANT_NAME}\` constant: declare the bucket ids as \`export const ${CONSTANT_NAME} = { AVATARS: 'avatars' } as const\`, an \`enum ${CONSTANT_NAME}\` or an array of strings.`);
}

/**
 * The declarations of a module's top level, `export` taken off.
 * @param {Statement[]} body
 * @returns {Node[]}
 */
function topLevelDeclarations(body) {
    return body.map((statement) =>
        (statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration") && statement.declaration
            ? statement.declaration
            : statement,
    );
}

/**
 * Top-level `const NAME = 'text'` declarations, for values that name them.
 * @param {Node[]} declarations
 * @returns {Map<string, string>}
 */
function stringConstants(declarations) {
    const constants = new Map();
    for (const node of declarations) {
        if (node.type !== "VariableDeclaration" || node.kind !== "const") {
            continue;
        }
        for (const declarator of node.declarations) {
            const value = declarator.init ? stringValue(declarator.init, new Map()) : null;
            if (declarator.id.type === "Identifier" && value !== null) {
                constants.set(declarator.id.name, value);
            }
        }
    }
    return constants;
}

/**
 * The string members of an enum.
 * @param {import("@babel/types").TSEnumDeclaration} node
 * @param {Map<string, string>} constants
 * @returns {string[]}
 */
function enumValues(node, constants) {
    // Babel 7 puts the members on the declaration, Babel 8 on its body.
    const members = node.members ?? /** @type {{ body?: { members: import("@babel/types").TSEnumMember[] } }} */ (node).body?.members ?? [];
    return members.flatMap((member) => {
        const value = member.initializer ? stringValue(member.initializer, constants) : null;
        return value === null ? [] : [value];
    });
}

/**
 * The string values of an object or array literal, or `null` when the
 * expression is neither.
 * @param {Expression} node
 * @param {Map<string, string>} constants
 * @returns {string[] | null}
 */
function literalValues(node, constants) {
    const inner = unwrap(node);
    if (inner.type === "ObjectExpression") {
        return inner.properties.flatMap((property) => {
            const value = property.type === "ObjectProperty" ? stringValue(/** @type {Expression} */ (property.value), constants) : null;
            return value === null ? [] : [value];
        });
    }
    if (inner.type === "ArrayExpression") {
        return inner.elements.flatMap((element) => {
            const value = element && element.type !== "SpreadElement" ? stringValue(element, constants) : null;
            return value === null ? [] : [value];
        });
    }
    return null;
}

/**
 * The string an expression denotes: a string literal, a template without
 * substitutions, or the name of a top-level string constant.
 * @param {Expression} node
 * @param {Map<string, string>} constants
 * @returns {string | null}
 */
function stringValue(node, constants) {
    const inner = unwrap(node);
    switch (inner.type) {
        case "StringLiteral":
            return inner.value;
        case "TemplateLiteral":
            return inner.expressions.length === 0 ? (inner.quasis[0]?.value.cooked ?? null) : null;
        case "Identifier":
            return constants.get(inner.name) ?? null;
        default:
            return null;
    }
}

/**
 * The expression inside `as const`, `satisfies T`, `<T>x`, `x!`, parentheses
 * and `Object.freeze(…)`.
 * @param {Expression} node
 * @returns {Expression}
 */
function unwrap(node) {
    let current = node;
    for (;;) {
        switch (current.type) {
            case "TSAsExpression":
            case "TSSatisfiesExpression":
            case "TSTypeAssertion":
            case "TSNonNullExpression":
            case "ParenthesizedExpression":
                current = current.expression;
                break;
            case "CallExpression":
                if (isObjectFreeze(current.callee) && current.arguments.length === 1 && current.arguments[0].type !== "SpreadElement") {
                    current = /** @type {Expression} */ (current.arguments[0]);
                    break;
                }
                return current;
            default:
                return current;
        }
    }
}

/**
 * @param {Node} callee
 * @returns {boolean}
 */
function isObjectFreeze(callee) {
    return (
        callee.type === "MemberExpression" &&
        callee.object.type === "Identifier" &&
        callee.object.name === "Object" &&
        callee.property.type === "Identifier" &&
        callee.property.name === "freeze"
    );
}

/**
 * @param {string} message
 * @returns {SupalintError}
 */
function problem(message) {
    return configError([{ key: "storageBucketsFile", message }]);
}
