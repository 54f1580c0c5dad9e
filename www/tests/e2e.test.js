/**
 * @file The playground end to end, in Debian's Chromium through
 * playwright-core, against the built site (`dist/`, from `pnpm build`) on a
 * local static server: load, type, read the rule's docs, configure, fix,
 * share, and the engine's time per keystroke on a 1,000-line migration.
 * Screenshots go to `test-artifacts/` (gitignored) for a person to look at.
 */

import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { EXAMPLES } from "../src/examples.js";
import { encodeShareHash } from "../src/share.js";
import { serveStatic } from "./static-server.js";

/** @import { BrowserContext, Page } from "playwright-core" */

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const ARTIFACTS = fileURLToPath(new URL("../test-artifacts/", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const RULE = "require-if-not-exists";
const TIMEOUT = 20_000;

/** @type {{ url: string, close: () => Promise<void> }} */
let server;
/** @type {BrowserContext} */
let context;
/** @type {Page} */
let page;
/** @type {string} */
let profile;
/** @type {string[]} */
const pageErrors = [];

/**
 * @param {Page} target
 */
function watchErrors(target) {
    target.on("pageerror", (error) => pageErrors.push(error.message));
    target.on("console", (message) => {
        if (message.type() === "error") {
            pageErrors.push(message.text());
        }
    });
}

/**
 * The editor's text.
 * @param {Page} target
 * @returns {Promise<string>}
 */
function editorText(target) {
    return target.evaluate(() => /** @type {any} */ (window).supalintPlayground.view.state.doc.toString());
}

/**
 * How many lints the page has received so far.
 * @param {Page} target
 * @returns {Promise<number>}
 */
function lintCount(target) {
    return target.evaluate(() => /** @type {any} */ (window).supalintPlayground.lintLog.length);
}

/**
 * Waits until the page has a lint result newer than `count` and the summary
 * is no longer stale.
 * @param {Page} target
 * @param {number} count
 */
async function waitForLintAfter(target, count) {
    await target.waitForFunction((seen) => /** @type {any} */ (window).supalintPlayground.lintLog.length > seen, count, { timeout: TIMEOUT });
    await target.waitForSelector("#summary:not(.is-stale)", { timeout: TIMEOUT });
}

/**
 * The rule ids and positions in the problems panel.
 * @param {Page} target
 * @returns {Promise<string[]>}
 */
function problems(target) {
    return target.$$eval("#panel-problems .problem", (rows) =>
        rows.map((row) => `${row.getAttribute("data-rule")}@${row.querySelector(".position")?.textContent}`),
    );
}

/**
 * @param {Page} target
 * @param {string} name
 */
async function screenshot(target, name) {
    await target.screenshot({ path: join(ARTIFACTS, name) });
}

/**
 * A realistic migration of about `lines` lines, with a few findings.
 * @param {number} lines
 * @returns {string}
 */
function bigMigration(lines) {
    const out = ["-- A large migration: many tables, each with RLS, grants and policies.", ""];
    for (let index = 0; out.length < lines; index++) {
        const table = `public.table_${index}`;
        const guard = index % 5 === 0 ? "" : "if not exists ";
        out.push(
            `create table ${guard}${table} (`,
            "  id bigint generated always as identity primary key,",
            "  user_id uuid not null references auth.users (id) on delete cascade,",
            "  title text not null,",
            "  created_at timestamptz not null default now()",
            ");",
            `alter table ${table} enable row level security;`,
            `revoke all on table ${table} from anon, authenticated, service_role;`,
            `grant select, insert on table ${table} to authenticated;`,
            `create index if not exists table_${index}_user_idx on ${table} (user_id);`,
            `drop policy if exists "Owners read ${index}" on ${table};`,
            `create policy "Owners read ${index}" on ${table}`,
            "  for select to authenticated",
            "  using ((select auth.uid()) = user_id or (select public.is_super_admin()));",
            "",
        );
    }
    return out.slice(0, lines).join("\n");
}

describe("playground (built site in Chromium)", { timeout: 240_000 }, () => {
    before(async () => {
        assert.ok(existsSync(join(DIST, "index.html")), "dist/index.html is missing: run `pnpm --filter www build` first (the test script does).");
        assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
        mkdirSync(ARTIFACTS, { recursive: true });
        server = await serveStatic(DIST);
        profile = mkdtempSync(join(tmpdir(), "supalint-www-chromium-"));
        context = await chromium.launchPersistentContext(profile, {
            executablePath: CHROMIUM,
            headless: true,
            viewport: { width: 1280, height: 800 },
            args: [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        });
        page = await context.newPage();
        watchErrors(page);
    });

    after(async () => {
        await context?.close();
        await server?.close();
        if (profile) {
            rmSync(profile, { recursive: true, force: true });
        }
    });

    it("opens with an example that has findings, and shows the engine version", async () => {
        await page.goto(server.url);
        await page.waitForSelector("#panel-problems .problem", { timeout: TIMEOUT });
        assert.match(await page.textContent("#engine-badge") ?? "", /^engine v\d+\.\d+\.\d+/u);
        assert.equal(await page.inputValue("#example-select"), "idempotency");
        assert.ok((await problems(page)).some((problem) => problem.startsWith(`${RULE}@`)));
        assert.ok((await page.$$(".cm-lintRange-error")).length > 0, "errors are underlined in the editor");
        assert.ok(Number(await page.textContent("#rules-count")) > 0, "the rules panel lists the engine's rules");
        await screenshot(page, "desktop-1280x800.png");
    });

    it("applies one problem's quick fix", async () => {
        const before = await problems(page);
        const seen = await lintCount(page);
        await page.click(`#panel-problems .problem[data-rule="${RULE}"] .button-fix`);
        await waitForLintAfter(page, seen);
        assert.equal((await problems(page)).length, before.length - 1);
        assert.match(await editorText(page), /create table if not exists public\.notes/u);
    });

    it("shows, for each example, the findings of the rules it promises and no others", async () => {
        for (const example of EXAMPLES) {
            const seen = await lintCount(page);
            await page.selectOption("#example-select", example.id);
            await waitForLintAfter(page, seen);
            assert.equal(await page.inputValue("#file-name"), example.fileName);
            const shown = [...new Set((await problems(page)).map((problem) => problem.split("@")[0]))].sort();
            assert.deepEqual(shown, [...example.rules].sort(), `the "${example.title}" example`);
            if (example.id === "storage") {
                await screenshot(page, "desktop-storage-example.png");
            }
        }
    });

    it("lints as you type: a non-idempotent CREATE TABLE gets a require-if-not-exists diagnostic", async () => {
        await page.selectOption("#example-select", "clean");
        await page.waitForSelector("#panel-problems .empty-clean", { timeout: TIMEOUT });
        assert.deepEqual(await problems(page), [], "the clean example passes every rule");

        await page.click(".cm-content");
        await page.keyboard.press("Control+End");
        await page.keyboard.type("\ncreate table public.todos (id bigint primary key, title text);\n", { delay: 15 });
        const row = await page.waitForSelector(`#panel-problems .problem[data-rule="${RULE}"]`, { timeout: TIMEOUT });
        assert.match((await row.textContent()) ?? "", /public\.todos/u);
        assert.ok((await row.$("a.docs-link")) !== null, "the row links to the rule's docs");
        assert.equal(await row.$eval(".problem-help", (element) => element.textContent), "Add IF NOT EXISTS.", "the row shows how to fix it");
        assert.match((await row.$eval(".severity", (element) => element.textContent)) ?? "", /error/iu);
        assert.ok((await page.$$(".cm-lintRange-error")).length > 0, "the statement is underlined");
    });

    it("opens the rule's docs from the problem", async () => {
        await page.click(`#panel-problems .problem[data-rule="${RULE}"] .rule-link`);
        const details = await page.waitForSelector(`#rule-${RULE}[open] .rule-docs`, { state: "visible", timeout: TIMEOUT });
        const text = (await details.textContent()) ?? "";
        assert.match(text, /Why is this bad\?/u);
        assert.ok((await details.$$(".example-invalid")).length > 0, "a flagged example is shown");
        assert.ok((await details.$$(".example-valid")).length > 0, "a passing example is shown");
        await screenshot(page, "desktop-rule-docs.png");
    });

    it("turns the rule off, and the diagnostic disappears; back on, it returns", async () => {
        await page.click("#tab-config");
        let seen = await lintCount(page);
        await page.selectOption(`select[data-rule-severity="${RULE}"]`, "off");
        await waitForLintAfter(page, seen);
        assert.ok(!(await problems(page)).some((problem) => problem.startsWith(`${RULE}@`)), "no diagnostic from the rule");
        assert.match((await page.textContent(".config-json")) ?? "", new RegExp(`"${RULE}": "off"`, "u"));
        await screenshot(page, "desktop-config.png");

        seen = await lintCount(page);
        await page.selectOption(`select[data-rule-severity="${RULE}"]`, "default");
        await waitForLintAfter(page, seen);
        assert.ok((await problems(page)).some((problem) => problem.startsWith(`${RULE}@`)), "the diagnostic is back");
    });

    it("previews the fix as a diff and applies it", async () => {
        await page.click("#tab-fix");
        await page.waitForSelector("#fix-apply", { timeout: TIMEOUT });
        const added = await page.$$eval(".diff-add .diff-text", (lines) => lines.map((line) => line.textContent));
        assert.ok(added.some((line) => /create table if not exists public\.todos/u.test(line ?? "")), `the diff adds IF NOT EXISTS: ${added.join(" | ")}`);
        await screenshot(page, "desktop-fix-preview.png");

        const seen = await lintCount(page);
        await page.click("#fix-apply");
        await waitForLintAfter(page, seen);
        assert.match(await editorText(page), /create table if not exists public\.todos/u);
        assert.ok(!(await problems(page)).some((problem) => problem.startsWith(`${RULE}@`)));
    });

    it("restores text, file name and configuration from the share link", async () => {
        await page.click("#tab-config");
        await page.fill("#option-adminFunction", "private.is_admin");
        await page.fill("#option-exposedSchemas", "public, api");
        await page.check("#option-registeredBuckets-on");
        await page.fill("#option-registeredBuckets", "avatars, documents");
        await page.selectOption('select[data-rule-severity="unused-disable-directive"]', "error");
        await page.fill("#file-name", "20240701000000_create_todos.sql");
        await page.click(".cm-content");
        await page.keyboard.press("Control+End");
        await page.keyboard.type("create table public.later (id bigint primary key);\n");
        await page.waitForSelector(`#panel-problems .problem[data-rule="${RULE}"]`, { state: "attached", timeout: TIMEOUT });
        await page.waitForSelector("#summary:not(.is-stale)");

        const expected = {
            text: await editorText(page),
            fileName: await page.inputValue("#file-name"),
            config: await page.textContent(".config-json"),
            problems: await problems(page),
        };
        await page.click("#share-button");
        await page.waitForSelector("#share-bar:not([hidden])");
        const link = await page.inputValue("#share-url");
        assert.match(link, /#share=[\w-]+$/u);

        const restored = await context.newPage();
        watchErrors(restored);
        await restored.goto(link);
        await restored.waitForSelector(`#panel-problems .problem[data-rule="${RULE}"]`, { timeout: TIMEOUT });
        await restored.waitForSelector(".config-json", { state: "attached" });
        assert.equal(await editorText(restored), expected.text);
        assert.equal(await restored.inputValue("#file-name"), expected.fileName);
        assert.equal(await restored.textContent(".config-json"), expected.config);
        assert.equal(await restored.inputValue("#option-adminFunction"), "private.is_admin");
        assert.equal(await restored.inputValue('select[data-rule-severity="unused-disable-directive"]'), "error");
        assert.deepEqual(await problems(restored), expected.problems);

        // A reload of the same link gives the same state again.
        await restored.reload();
        await restored.waitForSelector(`#panel-problems .problem[data-rule="${RULE}"]`, { timeout: TIMEOUT });
        assert.equal(await editorText(restored), expected.text);
        assert.deepEqual(await problems(restored), expected.problems);
        await restored.close();
    });

    it("opens a rule's example with the file name and registered buckets its docs give", async () => {
        await page.click("#tab-rules");
        await page.fill('input[aria-label="Filter rules"]', "");
        await page.click("#rule-storage-bucket-registered > summary");
        let seen = await lintCount(page);
        await page.click("#rule-storage-bucket-registered .example-invalid button");
        await waitForLintAfter(page, seen);
        assert.equal(await page.inputValue("#file-name"), "20240101000000_example.sql", "an untagged example is linted as the docs' default file");
        assert.match(await editorText(page), /values \('invoices'/u);
        assert.ok((await problems(page)).some((problem) => problem.startsWith("storage-bucket-registered@")), "the flagged example is flagged");
        await page.click("#tab-config");
        assert.equal(await page.isChecked("#option-registeredBuckets-on"), true);
        assert.equal(await page.inputValue("#option-registeredBuckets"), "avatars");

        await page.click("#tab-rules");
        await page.click("#rule-migration-filename > summary");
        seen = await lintCount(page);
        await page.click('#rule-migration-filename .example-invalid:has(.example-file:text-is("add_notes.sql")) button');
        await waitForLintAfter(page, seen);
        assert.equal(await page.inputValue("#file-name"), "add_notes.sql");
        assert.ok((await problems(page)).some((problem) => problem.startsWith("migration-filename@")));

        // Off by default: opening its flagged example turns it on, so the finding shows.
        await page.click("#tab-rules");
        await page.click("#rule-require-lock-timeout > summary");
        seen = await lintCount(page);
        await page.click("#rule-require-lock-timeout .example-invalid button");
        await waitForLintAfter(page, seen);
        assert.ok((await problems(page)).some((problem) => problem.startsWith("require-lock-timeout@")));
        assert.equal(await page.inputValue('select[data-rule-severity="require-lock-timeout"]'), "warn");

        // Several migrations: shown file by file, with a note instead of the button.
        await page.click("#tab-rules");
        await page.click("#rule-migration-order > summary");
        const figure = await page.waitForSelector('#rule-migration-order .example[data-openable="false"]', { timeout: TIMEOUT });
        assert.equal(await figure.$("button"), null);
        assert.equal((await figure.$$(".example-part")).length, 2);
        assert.match((await figure.$eval(".example-note", (element) => element.textContent)) ?? "", /one file at a time/u);
        await figure.scrollIntoViewIfNeeded();
        await screenshot(page, "desktop-rule-multi-file.png");
    });

    it("fits a 390×844 phone screen", async () => {
        const phone = await context.newPage();
        watchErrors(phone);
        await phone.setViewportSize({ width: 390, height: 844 });
        await phone.goto(server.url);
        await phone.waitForSelector("#panel-problems .problem", { timeout: TIMEOUT });
        const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
        await screenshot(phone, "mobile-390x844.png");
        await phone.screenshot({ path: join(ARTIFACTS, "mobile-390x844-full.png"), fullPage: true });
        await phone.click("#tab-fix");
        await phone.waitForSelector("#fix-apply", { timeout: TIMEOUT });
        await phone.locator("#panel-fix").scrollIntoViewIfNeeded();
        await screenshot(phone, "mobile-fix-preview.png");
        await phone.close();
    });

    it("measures the engine time per keystroke on a 1,000-line migration", async () => {
        const text = bigMigration(1000);
        const hash = await encodeShareHash({ text, fileName: "20240801000000_many_tables.sql", config: { extends: "recommended", rules: {}, registeredBuckets: null } });
        const big = await context.newPage();
        watchErrors(big);
        await big.goto(`${server.url}${hash}`);
        await big.waitForFunction(() => /** @type {any} */ (window).supalintPlayground.lintLog.some((entry) => entry.lines >= 1000), null, { timeout: TIMEOUT });
        await big.waitForSelector("#panel-problems .problem", { timeout: TIMEOUT });

        const start = await lintCount(big);
        await big.click(".cm-content");
        await big.keyboard.press("Control+End");
        const keystrokes = "-- edited";
        for (const key of keystrokes) {
            await big.keyboard.type(key);
            // Longer than the debounce, so every keystroke is linted on its own.
            await big.waitForTimeout(250);
        }
        await waitForLintAfter(big, start);
        const log = await big.evaluate((from) => /** @type {any} */ (window).supalintPlayground.lintLog.slice(from), start);
        await big.close();

        assert.ok(log.length >= keystrokes.length - 1, `one lint per keystroke (${log.length} for ${keystrokes.length})`);
        const engine = log.map((/** @type {{ engineMs: number }} */ entry) => entry.engineMs).sort((a, b) => a - b);
        const roundTrip = log.map((/** @type {{ roundTripMs: number }} */ entry) => entry.roundTripMs).sort((a, b) => a - b);
        const at = (/** @type {number[]} */ values, /** @type {number} */ fraction) => values[Math.min(values.length - 1, Math.floor(values.length * fraction))];
        const lines = log[log.length - 1].lines;
        // Reported, not asserted: timings depend on the machine.
        console.log(
            `engine time per keystroke, ${lines}-line migration (${log.length} lints): ` +
                `median ${at(engine, 0.5).toFixed(1)} ms, p90 ${at(engine, 0.9).toFixed(1)} ms, max ${engine[engine.length - 1].toFixed(1)} ms; ` +
                `worker round trip median ${at(roundTrip, 0.5).toFixed(1)} ms`,
        );
    });

    it("shows the access matrix of the editor's migration, and a table typed into it appears", async () => {
        await page.goto(server.url);
        await page.waitForSelector("#panel-problems .problem", { timeout: TIMEOUT });
        const seen = await lintCount(page);
        await page.selectOption("#example-select", "clean");
        await waitForLintAfter(page, seen);
        await page.click("#tab-access");
        const bookmarks = await page.waitForSelector('#panel-access .access-relation[data-relation="public.bookmarks"]', { timeout: TIMEOUT });
        assert.match((await bookmarks.textContent()) ?? "", /RLS on/u);
        assert.equal(await bookmarks.$eval('tr[data-role="anon"] td', (cell) => cell.textContent), "no access");
        assert.equal(await bookmarks.$eval('tr[data-role="authenticated"][data-command="select"]', (row) => row.getAttribute("data-rows")), "some");
        assert.match(await bookmarks.$eval('tr[data-role="authenticated"][data-command="select"]', (row) => row.textContent ?? ""), /rows where .*auth\.uid\(\)/u);

        await page.click(".cm-content");
        await page.keyboard.press("Control+End");
        await page.keyboard.type("\ncreate table if not exists public.todos (id bigint primary key, title text);\n", { delay: 15 });
        const todos = await page.waitForSelector('#panel-access .access-relation[data-relation="public.todos"]', { timeout: TIMEOUT });
        assert.match((await todos.textContent()) ?? "", /RLS off/u);
        assert.equal(await todos.$eval('tr[data-role="anon"][data-command="delete"]', (row) => row.getAttribute("data-rows")), "all", "no RLS: anon reaches every row");
        assert.match(await todos.$eval('tr[data-role="anon"][data-command="update"]', (row) => row.textContent ?? ""), /writable: id, title/u);
        assert.match((await page.textContent("#panel-access .panel-note")) ?? "", /findings? of the access and storage rules in Problems/u);
        await todos.scrollIntoViewIfNeeded();
        await screenshot(page, "desktop-access.png");

        await page.setViewportSize({ width: 390, height: 844 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
        await page.locator("#panel-access").scrollIntoViewIfNeeded();
        await screenshot(page, "mobile-access.png");
        await page.setViewportSize({ width: 1280, height: 800 });
    });

    it("logs no page errors", () => {
        assert.deepEqual(pageErrors, []);
    });
});
