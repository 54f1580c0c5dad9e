/**
 * @file ESLint for our own JavaScript (the npm package, its tests, the
 * playground). Migration files are supalint's business, not ESLint's.
 */

import js from "@eslint/js";
import globals from "globals";

export default [
    {
        ignores: ["target/", "pkg-js/wasm/", "**/node_modules/", "www/dist/", "pkg-vscode/dist/", ".tmp/"],
    },
    js.configs.recommended,
    {
        files: ["**/*.js"],
        languageOptions: {
            ecmaVersion: "latest",
            sourceType: "module",
            globals: { ...globals.node },
        },
        linterOptions: {
            reportUnusedDisableDirectives: "error",
        },
        rules: {
            eqeqeq: "error",
            "no-var": "error",
            "prefer-const": "error",
            "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_", caughtErrors: "all" }],
        },
    },
    {
        files: ["pkg-js/src/browser.js", "pkg-js/src/engine/browser.js", "www/**/*.js"],
        languageOptions: {
            globals: { ...globals.browser },
        },
    },
];
