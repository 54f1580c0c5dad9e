/**
 * @file The access panel: who can do what once the editor's migration has
 * run, from the engine's access matrix (`accessMatrix`, as `supalint access`
 * prints it): per table and storage bucket, RLS on or off, and for `anon`
 * and `authenticated` and each command, no rows, all rows or the rows a
 * condition admits, with the columns they may write.
 */

import { h, plural } from "./dom.js";
import { renderNoAnswer } from "./no-answer.js";

/** @import { AccessCell, AccessRelation } from "supalint" */

const ROLES = /** @type {const} */ (["anon", "authenticated"]);
const COMMANDS = /** @type {const} */ (["select", "insert", "update", "delete"]);

/** How much of a condition a cell shows; the whole is in its tooltip. */
const CONDITION_CHARS = 140;

/**
 * @typedef {object} AccessView
 * @property {AccessRelation[] | null} relations null: no answer yet
 * @property {{ key: string, message: string }[]} configErrors
 * @property {string | null} error the engine failed
 * @property {number} findings how many findings of the access and storage rules the Problems panel has
 * @property {() => void} onShowProblems
 */

/**
 * @param {HTMLElement} container
 * @param {AccessView} view
 */
export function renderAccess(container, view) {
    container.replaceChildren();
    if (renderNoAnswer(container, view, "there is no access matrix")) {
        return;
    }
    if (view.relations === null) {
        container.append(h("p", { class: "empty" }, "Reading who can do what…"));
        return;
    }
    container.append(
        h(
            "p",
            { class: "panel-note" },
            "Who can do what once this migration has run (this file alone: earlier migrations are not in view), for the roles a Supabase client acts as. ",
            view.findings > 0
                ? h("button", { class: "access-findings", type: "button", onclick: view.onShowProblems }, `${plural(view.findings, "finding")} of the access and storage rules in Problems`)
                : "No findings of the access and storage rules.",
        ),
    );
    if (view.relations.length === 0) {
        container.append(
            h(
                "div",
                { class: "empty" },
                h("p", {}, h("strong", { text: "No tables in an exposed schema and no storage buckets." })),
                h("p", {}, "Create a table in an exposed schema (see Config) or insert a bucket into ", h("code", { text: "storage.buckets" }), " to see its access here."),
            ),
        );
        return;
    }
    for (const relation of view.relations) {
        container.append(relationSection(relation));
    }
}

/**
 * @param {AccessRelation} relation
 * @returns {HTMLElement}
 */
function relationSection(relation) {
    const label = relation.bucket === null ? relation.name : `${relation.name} (bucket ${relation.bucket})`;
    const body = h("tbody");
    for (const [index, role] of ROLES.entries()) {
        const access = relation.access[role];
        if (COMMANDS.every((command) => access[command].rows === "none")) {
            body.append(h("tr", { "data-role": role }, h("th", { scope: "row", text: role }), h("td", { colspan: 2, class: "access-none", text: "no access" })));
            continue;
        }
        const same = ROLES.slice(0, index).find((other) => JSON.stringify(relation.access[other]) === JSON.stringify(access));
        if (same !== undefined) {
            body.append(h("tr", { "data-role": role }, h("th", { scope: "row", text: role }), h("td", { colspan: 2, class: "access-none", text: `same as ${same}` })));
            continue;
        }
        COMMANDS.forEach((command, position) => {
            const cell = access[command];
            body.append(
                h(
                    "tr",
                    { "data-role": role, "data-command": command, "data-rows": cell.rows },
                    position === 0 ? h("th", { scope: "row", rowspan: COMMANDS.length, text: role }) : null,
                    h("td", { class: "access-command", text: command.toUpperCase() }),
                    cellContent(cell),
                ),
            );
        });
    }
    return h(
        "section",
        { class: "access-relation", "data-relation": relation.name, "data-bucket": relation.bucket ?? "" },
        h(
            "header",
            { class: "access-head" },
            h("code", { class: "access-name", text: label }),
            h("span", { class: `access-rls ${relation.rls ? "access-rls-on" : "access-rls-off"}`, text: relation.rls ? "RLS on" : "RLS off" }),
        ),
        h("table", { class: "access-table" }, h("colgroup", {}, h("col", { class: "access-col-role" }), h("col", { class: "access-col-command" }), h("col")), body),
    );
}

/**
 * @param {AccessCell} cell
 * @returns {HTMLElement}
 */
function cellContent(cell) {
    if (cell.rows === "none") {
        return h("td", { class: "access-none", text: "none" });
    }
    const policies = cell.policies?.length ? `Policies: ${cell.policies.join(", ")}` : undefined;
    const columns = cell.writableColumns ?? [];
    const written = columns.length > 0 ? h("div", { class: "access-columns", text: `writable: ${columns.join(", ")}` }) : null;
    if (cell.rows === "all") {
        return h("td", { class: "access-all", title: policies }, h("span", { text: "all rows" }), written);
    }
    const condition = cell.condition ?? "";
    const shown = condition.length > CONDITION_CHARS ? `${condition.slice(0, CONDITION_CHARS - 1).trimEnd()}…` : condition;
    return h(
        "td",
        { class: "access-some", title: [condition, policies].filter(Boolean).join("\n") },
        h("span", {}, "rows where ", h("code", { text: shown })),
        written,
    );
}
