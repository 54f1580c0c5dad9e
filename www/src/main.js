/**
 * @file The playground page: wires the editor, the engine worker and the
 * panels together, and keeps the share link's state (text, file name,
 * configuration) in one place.
 */

import "./style.css";
import { defaultConfig, normalizeConfig, toEngineConfig } from "./config.js";
import { createEditor, rangeOf, showDiagnostics } from "./editor.js";
import { EngineClient, createLintScheduler } from "./engine/client.js";
import { DEFAULT_EXAMPLE, EXAMPLES } from "./examples.js";
import { migrationPath } from "./paths.js";
import { configForExample } from "./rule-examples.js";
import { decodeShareHash, encodeShareHash, ShareLinkTooLargeError } from "./share.js";
import { renderAccess } from "./ui/access.js";
import { createConfigPanel } from "./ui/config.js";
import { h, plural, renderMessage } from "./ui/dom.js";
import { renderFix } from "./ui/fix.js";
import { renderProblems } from "./ui/problems.js";
import { createRulesPanel } from "./ui/rules.js";

/** @import { Text } from "@codemirror/state" */
/** @import { ConfigKey, LintMessage, RuleMeta } from "supalint" */
/** @import { AccessAnswer, FixAnswer, LintAnswer } from "./engine/client.js" */
/** @import { PlaygroundConfig } from "./config.js" */
/** @import { ConfigPanel } from "./ui/config.js" */
/** @import { RulesPanel } from "./ui/rules.js" */
/** @import { TryTarget } from "./rule-examples.js" */

const PANELS = ["problems", "fix", "access", "rules", "config"];

/** The rule categories whose findings the Access panel counts. */
const ACCESS_CATEGORIES = ["access", "storage"];

/**
 * @param {string} id
 * @returns {HTMLElement}
 */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const elements = {
    badge: byId("engine-badge"),
    fileName: /** @type {HTMLInputElement} */ (byId("file-name")),
    example: /** @type {HTMLSelectElement} */ (byId("example-select")),
    summary: byId("summary"),
    timing: byId("timing"),
    notice: byId("notice"),
    shareButton: byId("share-button"),
    shareBar: byId("share-bar"),
    shareUrl: /** @type {HTMLInputElement} */ (byId("share-url")),
    shareCopy: byId("share-copy"),
    shareClose: byId("share-close"),
    problemsCount: byId("problems-count"),
    fixCount: byId("fix-count"),
    rulesCount: byId("rules-count"),
    panels: Object.fromEntries(PANELS.map((name) => [name, byId(`panel-${name}`)])),
    tabs: Object.fromEntries(PANELS.map((name) => [name, byId(`tab-${name}`)])),
};

/**
 * @typedef {object} Snapshot what a lint or fix was computed from
 * @property {Text} doc
 * @property {string} filePath
 * @property {string} configKey
 */

const state = {
    /** @type {PlaygroundConfig} */
    config: defaultConfig(),
    /** @type {RuleMeta[]} */
    rules: [],
    /** @type {ConfigKey[]} */
    configSchema: [],
    /** @type {{ answer: LintAnswer, snapshot: Snapshot } | null} */
    lint: null,
    /** @type {{ answer: FixAnswer, snapshot: Snapshot } | null} */
    fix: null,
    /** @type {{ answer: AccessAnswer, snapshot: Snapshot } | null} */
    access: null,
    /** @type {string | null} */
    engineError: null,
    panel: "problems",
    /** @type {RulesPanel | null} */
    rulesPanel: null,
    /** @type {ConfigPanel | null} */
    configPanel: null,
    /** The hash this page wrote last, so its own `hashchange` is not a restore. */
    ownHash: "",
};

/**
 * Engine timings of every lint, for the e2e test and the curious.
 * @type {{ engineMs: number, roundTripMs: number, lines: number, chars: number }[]}
 */
const lintLog = [];

// ---- editor and engine ---------------------------------------------------

const client = new EngineClient();
/** True while `load` replaces the text (not an edit of the visitor's). */
let loading = false;
const view = createEditor({
    parent: byId("editor"),
    doc: "",
    onChange: () => {
        if (!loading) {
            // Edited: choosing the same example again must reload it.
            elements.example.value = "";
        }
        elements.summary.classList.add("is-stale");
        scheduler.schedule();
    },
});

const scheduler = createLintScheduler({
    client,
    read: () => {
        const snapshot = currentSnapshot();
        return { payload: payloadOf(snapshot), snapshot };
    },
    onResult: (answer, snapshot, roundTripMs) => {
        lintLog.push({ engineMs: answer.ms, roundTripMs, lines: snapshot.doc.lines, chars: snapshot.doc.length });
        if (!isCurrent(snapshot)) {
            // Edited meanwhile: a newer lint is already on its way.
            return;
        }
        state.engineError = null;
        state.lint = { answer, snapshot };
        state.fix = null;
        showDiagnostics(view, answer.messages, applyFix);
        state.configPanel?.showErrors(answer.configErrors);
        render();
        if (state.panel === "fix") {
            requestFix();
        }
        if (state.panel === "access") {
            requestAccess();
        }
    },
    onError: (error) => {
        state.engineError = error.message;
        render();
    },
});

/** @returns {Snapshot} */
function currentSnapshot() {
    return { doc: view.state.doc, filePath: filePath(), configKey: JSON.stringify(toEngineConfig(state.config)) };
}

/**
 * @param {Snapshot} snapshot
 * @returns {boolean}
 */
function isCurrent(snapshot) {
    const now = currentSnapshot();
    return snapshot.doc === now.doc && snapshot.filePath === now.filePath && snapshot.configKey === now.configKey;
}

/**
 * @param {Snapshot} snapshot
 */
function payloadOf(snapshot) {
    return { text: snapshot.doc.toString(), filePath: snapshot.filePath, config: JSON.parse(snapshot.configKey) };
}

/** The path the engine sees: the name typed, inside the migrations folder. */
function filePath() {
    return migrationPath(elements.fileName.value);
}

function requestFix() {
    const snapshot = currentSnapshot();
    if (state.fix !== null && isCurrent(state.fix.snapshot)) {
        return;
    }
    client.fix(payloadOf(snapshot)).then(
        (answer) => {
            if (isCurrent(snapshot)) {
                state.fix = { answer, snapshot };
                renderFixPanel();
            }
        },
        (error) => {
            state.engineError = error.message;
            render();
        },
    );
}

function requestAccess() {
    const snapshot = currentSnapshot();
    if (state.access !== null && isCurrent(state.access.snapshot)) {
        return;
    }
    client.access(payloadOf(snapshot)).then(
        (answer) => {
            if (isCurrent(snapshot)) {
                state.access = { answer, snapshot };
                renderAccessPanel();
            }
        },
        (error) => {
            state.engineError = error.message;
            render();
        },
    );
}

/**
 * Applies one fix or suggestion from the current lint.
 * @param {LintMessage} _message
 * @param {{ range: [number, number], text: string }} fix
 */
function applyFix(_message, fix) {
    if (state.lint === null || !isCurrent(state.lint.snapshot)) {
        notify("The text changed since the last check; try again in a moment.");
        scheduler.now();
        return;
    }
    const [from, to] = fix.range;
    view.dispatch({ changes: { from, to, insert: fix.text }, selection: { anchor: from + fix.text.length }, scrollIntoView: true, userEvent: "input.fix" });
    view.focus();
}

function applyAllFixes() {
    if (state.fix === null || !isCurrent(state.fix.snapshot)) {
        notify("The text changed since the preview; check the new preview and apply again.");
        requestFix();
        return;
    }
    replaceText(state.fix.answer.output, "input.fix");
    notify("Applied every fix. Undo with Ctrl+Z (⌘Z).");
}

/**
 * Replaces the editor's text with as small a change as possible (one undo step).
 * @param {string} text
 * @param {string} userEvent
 */
function replaceText(text, userEvent) {
    const old = view.state.doc.toString();
    let from = 0;
    while (from < old.length && from < text.length && old[from] === text[from]) {
        from++;
    }
    let tail = 0;
    while (tail < old.length - from && tail < text.length - from && old[old.length - 1 - tail] === text[text.length - 1 - tail]) {
        tail++;
    }
    view.dispatch({ changes: { from, to: old.length - tail, insert: text.slice(from, text.length - tail) }, userEvent });
}

// ---- rendering -----------------------------------------------------------

function render() {
    const lint = state.lint?.answer ?? null;
    const messages = lint?.messages ?? [];
    const errors = messages.filter((message) => message.severity === 2).length;
    const warnings = messages.length - errors;
    const fixable = messages.filter((message) => message.fix).length;

    elements.problemsCount.textContent = String(messages.length);
    elements.problemsCount.className = `count ${errors > 0 ? "count-error" : warnings > 0 ? "count-warn" : ""}`;
    elements.fixCount.textContent = String(fixable);
    elements.summary.classList.remove("is-stale");
    if (state.engineError !== null) {
        elements.summary.textContent = "The engine failed";
    } else if (lint === null) {
        elements.summary.textContent = "Linting…";
    } else if (lint.configErrors.length > 0) {
        elements.summary.textContent = "Configuration error";
    } else {
        const counts = [errors > 0 ? plural(errors, "error") : null, warnings > 0 ? plural(warnings, "warning") : null].filter(Boolean).join(", ");
        elements.summary.replaceChildren(
            h("span", { class: `dot ${errors > 0 ? "dot-error" : warnings > 0 ? "dot-warn" : "dot-ok"}`, "aria-hidden": "true" }),
            messages.length === 0 ? "No problems" : counts,
            ...(fixable > 0 ? [h("span", { class: "muted", text: ` · ${fixable} fixable` })] : []),
        );
        const stats = lint.stats;
        elements.timing.textContent = `${stats ? `${plural(stats.statements, "statement")} · ` : ""}linted in ${lint.ms < 10 ? lint.ms.toFixed(1) : Math.round(lint.ms)} ms`;
        elements.timing.dataset.engineMs = String(lint.ms);
    }

    renderProblems(elements.panels.problems, {
        messages,
        configErrors: lint?.configErrors ?? [],
        error: state.engineError,
        loading: lint === null,
        docsUrlOf: (ruleId) => state.rules.find((rule) => rule.id === ruleId)?.docsUrl,
        onSelect: (message) => {
            const { from, to } = rangeOf(view.state.doc, message);
            view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
            view.focus();
        },
        onFix: applyFix,
        onOpenRule: openRule,
    });
    renderFixPanel();
    renderAccessPanel();
}

function renderAccessPanel() {
    if (state.panel !== "access") {
        return;
    }
    const accessRules = new Set(state.rules.filter((rule) => ACCESS_CATEGORIES.includes(rule.category)).map((rule) => rule.id));
    // Until the matrix of an edit arrives, the last one stays in view (no flicker as you type).
    const access = state.access?.answer ?? null;
    renderAccess(elements.panels.access, {
        relations: access?.relations ?? null,
        configErrors: access?.configErrors ?? [],
        error: state.engineError,
        findings: state.lint?.answer.messages.filter((message) => accessRules.has(message.ruleId)).length ?? 0,
        onShowProblems: () => showPanel("problems", { focus: true }),
    });
}

function renderFixPanel() {
    if (state.panel !== "fix") {
        return;
    }
    const fixable = state.lint?.answer.messages.filter((message) => message.fix).length ?? 0;
    renderFix(elements.panels.fix, {
        before: state.fix?.snapshot.doc.toString() ?? "",
        fix: state.fix?.answer ?? null,
        fixable,
        onApply: applyAllFixes,
    });
}

/**
 * @param {string} name
 * @param {{ focus?: boolean }} [options]
 */
function showPanel(name, { focus = false } = {}) {
    state.panel = name;
    for (const panel of PANELS) {
        const selected = panel === name;
        elements.panels[panel].hidden = !selected;
        elements.tabs[panel].setAttribute("aria-selected", String(selected));
        elements.tabs[panel].tabIndex = selected ? 0 : -1;
    }
    if (focus) {
        elements.tabs[name].focus();
    }
    if (name === "fix") {
        renderFixPanel();
        requestFix();
    }
    if (name === "access") {
        renderAccessPanel();
        requestAccess();
    }
}

/**
 * @param {string} ruleId
 */
function openRule(ruleId) {
    showPanel("rules");
    state.rulesPanel?.open(ruleId);
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let noticeTimer;

/**
 * A short message under the header.
 * @param {string} message
 * @param {"info" | "error"} [kind]
 */
function notify(message, kind = "info") {
    elements.notice.replaceChildren(...renderMessage(message));
    elements.notice.className = `notice notice-${kind}`;
    elements.notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => (elements.notice.hidden = true), kind === "error" ? 8000 : 4000);
}

// ---- state in, state out ---------------------------------------------------

/**
 * Puts text, file name and configuration in place (from an example or a link).
 * @param {{ text: string, fileName: string, config?: PlaygroundConfig, example?: string }} next
 */
function load(next) {
    elements.fileName.value = next.fileName;
    elements.example.value = next.example ?? "";
    if (next.config !== undefined) {
        state.config = next.config;
        buildConfigPanel();
        state.rulesPanel?.update();
    }
    loading = true;
    try {
        replaceText(next.text, "input.load");
    } finally {
        loading = false;
    }
    scheduler.now();
}

/**
 * Loads an example from a rule's docs so the editor shows what the docs say:
 * its text, the file name it is linted as, its registered bucket ids, and
 * the rule itself turned on when the configuration has it off.
 * @param {Extract<TryTarget, { openable: true }>} target
 * @param {string} ruleId
 */
function tryExample(target, ruleId) {
    const rule = state.rules.find((entry) => entry.id === ruleId);
    const { config, changes } = rule === undefined ? { config: state.config, changes: [] } : configForExample(state.config, target, rule);
    load({ text: target.text, fileName: target.fileName, config: config === state.config ? undefined : config });
    const changed = changes.length > 0 ? `; in Config, ${changes.join(" and ")}` : "";
    notify(`Loaded an example of \`${ruleId}\` as \`${target.fileName}\`${changed}. Ctrl+Z (⌘Z) brings your text back.`);
}

function buildConfigPanel() {
    if (state.rules.length === 0) {
        return;
    }
    state.configPanel = createConfigPanel(elements.panels.config, {
        rules: state.rules,
        configSchema: state.configSchema,
        config: state.config,
        onChange: (immediate) => {
            state.rulesPanel?.update();
            if (immediate) {
                scheduler.now();
            } else {
                scheduler.schedule();
            }
        },
        onReset: () => {
            state.config = defaultConfig();
            buildConfigPanel();
            state.rulesPanel?.update();
            scheduler.now();
        },
    });
    state.configPanel.showErrors(state.lint?.answer.configErrors ?? []);
}

async function share() {
    const hash = await encodeShareHash({ text: view.state.doc.toString(), fileName: elements.fileName.value, config: state.config });
    state.ownHash = hash;
    history.replaceState(null, "", hash);
    elements.shareUrl.value = location.href;
    elements.shareBar.hidden = false;
    elements.shareUrl.select();
    try {
        await navigator.clipboard.writeText(location.href);
        elements.shareCopy.textContent = "Copied";
    } catch {
        elements.shareCopy.textContent = "Copy";
    }
}

/**
 * The state a share link holds, or null (with a notice when it is damaged).
 * @returns {Promise<{ text: string, fileName: string, config: PlaygroundConfig } | null>}
 */
async function sharedState() {
    try {
        const shared = await decodeShareHash(location.hash);
        return shared === null ? null : { ...shared, config: normalizeConfig(shared.config) };
    } catch (error) {
        notify(
            error instanceof ShareLinkTooLargeError
                ? `This share link is too large (${error.message}), so the page opened with an example instead.`
                : "This share link is damaged (cut short when copied?), so the page opened with an example instead.",
            "error",
        );
        return null;
    }
}

// ---- events ----------------------------------------------------------------

elements.example.append(
    h("option", { value: "", disabled: true, text: "Your migration" }),
    ...EXAMPLES.map((example) => h("option", { value: example.id, text: example.title })),
);
elements.example.addEventListener("change", () => {
    const example = EXAMPLES.find((entry) => entry.id === elements.example.value);
    if (example !== undefined) {
        load({ text: example.text, fileName: example.fileName, example: example.id });
    }
});
elements.fileName.addEventListener("input", () => scheduler.schedule());

for (const name of PANELS) {
    elements.tabs[name].addEventListener("click", () => showPanel(name));
    elements.tabs[name].addEventListener("keydown", (event) => {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (step !== undefined) {
            showPanel(PANELS[(PANELS.indexOf(name) + step + PANELS.length) % PANELS.length], { focus: true });
        }
    });
}

elements.shareButton.addEventListener("click", () => {
    share().catch((error) => notify(`Could not make a share link: ${error.message}`, "error"));
});
elements.shareCopy.addEventListener("click", async () => {
    elements.shareUrl.select();
    try {
        await navigator.clipboard.writeText(elements.shareUrl.value);
        elements.shareCopy.textContent = "Copied";
    } catch {
        elements.shareCopy.textContent = "Press Ctrl+C";
    }
});
elements.shareClose.addEventListener("click", () => (elements.shareBar.hidden = true));

window.addEventListener("hashchange", async () => {
    if (location.hash === state.ownHash) {
        return;
    }
    const shared = await sharedState();
    if (shared !== null) {
        load(shared);
    }
});

// ---- start -----------------------------------------------------------------

const initial = (await sharedState()) ?? { text: DEFAULT_EXAMPLE.text, fileName: DEFAULT_EXAMPLE.fileName, config: defaultConfig(), example: DEFAULT_EXAMPLE.id };
state.ownHash = location.hash;
load(initial);

client.meta().then(
    ({ version, rules, configSchema }) => {
        elements.badge.textContent = `engine v${version}`;
        elements.badge.title = `supalint engine ${version}, running in this page as WebAssembly`;
        elements.badge.classList.add("badge-ready");
        state.rules = rules;
        state.configSchema = configSchema;
        elements.rulesCount.textContent = String(rules.length);
        state.rulesPanel = createRulesPanel(elements.panels.rules, {
            rules,
            config: () => state.config,
            onTry: tryExample,
        });
        buildConfigPanel();
        render();
    },
    (error) => {
        elements.badge.textContent = "engine failed";
        elements.badge.classList.add("badge-error");
        state.engineError = error.message;
        render();
    },
);

// A handle for the e2e test and for poking around in the console.
Object.defineProperty(window, "supalintPlayground", { value: Object.freeze({ view, lintLog }) });
