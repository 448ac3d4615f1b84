#!/usr/bin/env node
// Trunk post_build hook: puts the SHA-256 of every inline <script> of the built index.html
// (Trunk's loader; `trunk serve` adds its auto-reload script) into the page's
// Content-Security-Policy, in place of the __KD_SCRIPT_HASHES__ placeholder of index.html.
// The policy then allows exactly those scripts and no other inline code.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stagingDir } from "./trunk-hook.mjs";

const PLACEHOLDER = "__KD_SCRIPT_HASHES__";
const dir = stagingDir("csp-hashes");
const file = join(dir, "index.html");
const html = readFileSync(file, "utf8");
if (!html.includes(PLACEHOLDER)) {
  console.error(`csp-hashes: ${PLACEHOLDER} not found in ${file}`);
  process.exit(1);
}
const hashes = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (/\bsrc\s*=/i.test(m[1])) continue;
  const digest = createHash("sha256").update(m[2], "utf8").digest("base64");
  hashes.push(`'sha256-${digest}'`);
}
writeFileSync(file, html.replaceAll(PLACEHOLDER, [...new Set(hashes)].join(" ")));
