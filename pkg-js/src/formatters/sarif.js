/**
 * @file `sarif`: a SARIF 2.1.0 log for code-scanning tools. Every engine rule
 * is in `tool.driver.rules`, its docs as the rule's `help` (Markdown with
 * plain `sql` fences) and `helpUri`; results point at files by a URI relative
 * to the working directory (`%SRCROOT%`), with columns in UTF-16 code units.
 * A result's message is the short one; SARIF has no per-result help, so each
 * result's help travels in its property bag (`properties.help`) and, for
 * viewers that render Markdown, after the message in `message.markdown`. A
 * fix run's migrations left alone because they already ran are tool
 * execution notifications of the run's invocation.
 */

/** @import { FormatterContext } from "./index.js" */
/** @import { LintResult, RuleMeta } from "../api.js" */

import path from "node:path";
import { pathToFileURL } from "node:url";

import { readableDocs } from "../rule-markdown.js";
import { describeSource } from "../rule-sources.js";
import { withheldReason, withheldResults } from "../withheld-fixes.js";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** supalint's home page, the driver's `informationUri` (the rules' docs live in the same repository). */
const INFORMATION_URI = "https://github.com/supalint/supalint";

/**
 * @param {LintResult[]} results
 * @param {FormatterContext} context
 * @returns {string}
 */
export function formatSarif(results, context) {
    const rules = Object.values(context.rulesMeta);
    const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
    const sarifResults = [];
    for (const result of results) {
        const artifactLocation = artifactFor(result.filePath, context.cwd);
        for (const message of result.messages) {
            const index = ruleIndex.get(message.ruleId);
            sarifResults.push({
                ruleId: message.ruleId,
                ...(index === undefined ? {} : { ruleIndex: index }),
                level: message.severity === 2 ? "error" : "warning",
                message: message.help ? { text: message.message, markdown: `${message.message}\n\n${message.help}` } : { text: message.message },
                ...(message.help ? { properties: { help: message.help } } : {}),
                locations: [
                    {
                        physicalLocation: {
                            artifactLocation,
                            region: {
                                startLine: message.line,
                                startColumn: message.column,
                                endLine: message.endLine ?? message.line,
                                endColumn: message.endColumn ?? message.column,
                            },
                        },
                    },
                ],
            });
        }
    }
    const log = {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: "supalint",
                        version: context.version,
                        semanticVersion: context.version,
                        informationUri: INFORMATION_URI,
                        rules: rules.map(ruleDescriptor),
                    },
                },
                originalUriBaseIds: { "%SRCROOT%": { uri: `${pathToFileURL(context.cwd).href.replace(/\/?$/u, "/")}` } },
                columnKind: "utf16CodeUnits",
                ...invocations(results, context.cwd),
                results: sarifResults,
            },
        ],
    };
    return JSON.stringify(log, null, 2);
}

/**
 * The run's invocation with a note per migration a fix run left alone, or
 * nothing when it left none.
 * @param {LintResult[]} results
 * @param {string} cwd
 * @returns {{ invocations?: object[] }}
 */
function invocations(results, cwd) {
    const withheld = withheldResults(results);
    if (withheld.length === 0) {
        return {};
    }
    const toolExecutionNotifications = withheld.map((result) => ({
        level: "note",
        message: { text: withheldReason(result.fixWithheld) },
        locations: [{ physicalLocation: { artifactLocation: artifactFor(result.filePath, cwd) } }],
    }));
    return { invocations: [{ executionSuccessful: true, toolExecutionNotifications }] };
}

/**
 * @param {RuleMeta} rule
 * @returns {object}
 */
function ruleDescriptor(rule) {
    return {
        id: rule.id,
        shortDescription: { text: rule.summary },
        help: { text: `${rule.summary}\n\n${readableDocs(rule)}`, markdown: `${rule.summary}\n\n${readableDocs(rule)}\n\n[Documentation](${rule.docsUrl})` },
        helpUri: rule.docsUrl,
        defaultConfiguration:
            rule.severity === "off" ? { enabled: false, level: "warning" } : { level: rule.severity === "error" ? "error" : "warning" },
        properties: {
            category: rule.category,
            fixable: rule.fixable ?? null,
            tags: [rule.category, ...rule.sources.map((source) => describeSource(source).tool)],
            sources: rule.sources.map(describeSource),
        },
    };
}

/**
 * A relative URI under `%SRCROOT%` for files inside the working directory,
 * an absolute `file:` URI otherwise.
 * @param {string} filePath
 * @param {string} cwd
 * @returns {{ uri: string, uriBaseId?: string }}
 */
function artifactFor(filePath, cwd) {
    if (!path.isAbsolute(filePath)) {
        return { uri: filePath.split("/").map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
    }
    const relative = path.relative(cwd, filePath);
    if (relative.startsWith("..") || path.isAbsolute(relative)) {
        return { uri: pathToFileURL(filePath).href };
    }
    return { uri: relative.split(path.sep).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
}
