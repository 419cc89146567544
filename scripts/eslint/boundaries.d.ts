// Types of the house ESLint rule module (boundaries.js), for the tests that call it.
import type { ESLint } from 'eslint';

/** Why importing `source` from `file` crosses a boundary, or undefined. */
export function boundaryViolation(file: string, source: string, typeOnly?: boolean): string | undefined;

declare const plugin: ESLint.Plugin;
export default plugin;
