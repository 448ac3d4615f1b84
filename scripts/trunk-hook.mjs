// What the Trunk post_build hooks (scripts/*.mjs named in Trunk.toml) share: the staging
// directory Trunk builds into, and the widget's hashed file names in it.
import { readdirSync } from "node:fs";

/** Trunk's staging directory; exits with a message when not run as a Trunk hook. */
export function stagingDir(hook) {
  const dir = process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error(`${hook}: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)`);
    process.exit(1);
  }
  return dir;
}

/** The widget's wasm-bindgen `.js` and `_bg.wasm` in `dir` (either may be undefined). */
export function widgetFiles(dir) {
  const files = readdirSync(dir);
  return {
    js: files.find((f) => /^keydoctor-web(-[0-9a-f]+)?\.js$/.test(f)),
    wasm: files.find((f) => /^keydoctor-web(-[0-9a-f]+)?_bg\.wasm$/.test(f)),
  };
}
