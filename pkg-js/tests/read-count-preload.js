/**
 * @file `node --import` this (tests only) to count how often a run resolves
 * its configuration and reads its files: see `read-count-hooks.js`.
 */

import { register } from "node:module";

register("./read-count-hooks.js", import.meta.url);
