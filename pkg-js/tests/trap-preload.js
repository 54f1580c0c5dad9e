/**
 * @file `node --import` this (tests only) to make the engine trap on marked
 * files: see `trap-hooks.js` and `trapEnv` in `helpers.js`.
 */

import { register } from "node:module";

register("./trap-hooks.js", import.meta.url);
