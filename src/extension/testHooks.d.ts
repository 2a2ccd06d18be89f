/**
 * Set by esbuild.mjs: true in development and test builds, false in the production bundle that
 * is packaged, so code under `if (__TEST_HOOKS__)` is not shipped at all.
 */
declare const __TEST_HOOKS__: boolean;
