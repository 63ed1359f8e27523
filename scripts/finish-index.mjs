#!/usr/bin/env node
// Finishes the index.html trunk writes, and checks what the
// Content-Security-Policy relies on. Run by trunk as a post_build hook
// (Trunk.toml) on $TRUNK_STAGING_DIR/index.html, or by hand:
// `node scripts/finish-index.mjs dist/index.html`.
//
// 1. The wasm module's integrity: trunk writes it on
//    <link rel="preload" as="fetch" integrity>, where Chromium ignores it and
//    says so in the console on every page ("The `integrity` attribute is
//    currently ignored for preload destinations that do not support
//    subresource integrity"). It moves to <meta name="app-wasm-integrity">,
//    which src/boot.js passes to fetch(), where it is checked: a module
//    that differs from the build is refused.
// 2. Checks, failing the build: no inline <script> (the policy allows only
//    'self'), no style attribute or <style> element (style-src 'self'), the
//    policy <meta> present, and integrity on the boot script, the glue's
//    modulepreload and the stylesheet. A trunk upgrade that changes what it
//    writes stops here rather than in a reader's browser.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = process.argv[2] ?? join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
let html = readFileSync(file, 'utf8');
const problems = [];

// Start tags of `name`, quoted or minified attributes (trunk minifies in
// release builds: `<link as=fetch href=/x.wasm rel=preload>`).
const tagPattern = (name) => new RegExp(`<${name}(?=[\\s>/])[^>]*>`, 'gi');
const attributes = (tag) => {
  const attrs = new Map();
  const body = tag.replace(/^<[a-z]+/i, '').replace(/\/?>$/, '');
  for (const m of body.matchAll(/([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
    const raw = m[2] ?? '';
    attrs.set(m[1].toLowerCase(), raw.replace(/^["']|["']$/g, ''));
  }
  return attrs;
};

// 1. Move the wasm integrity.
let moved = 0;
html = html.replace(tagPattern('link'), (tag) => {
  const a = attributes(tag);
  const isWasmPreload =
    a.get('rel') === 'preload' && a.get('as') === 'fetch' && (a.get('href') ?? '').endsWith('.wasm');
  if (!isWasmPreload || !a.has('integrity')) return tag;
  moved += 1;
  const integrity = a.get('integrity');
  const without = tag.replace(/\s+integrity\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i, '');
  return `${without}<meta name="app-wasm-integrity" content="${integrity}">`;
});
const hasWasmIntegrity = [...html.matchAll(tagPattern('meta'))]
  .map((m) => attributes(m[0]))
  .some((a) => a.get('name') === 'app-wasm-integrity' && /^sha(256|384|512)-/.test(a.get('content') ?? ''));
if (!hasWasmIntegrity) {
  problems.push('no integrity for the wasm module (expected trunk\'s <link rel=preload as=fetch integrity>)');
}
if (moved > 1) problems.push(`${moved} wasm preloads, expected one`);

// 2. Checks (comments left out: they may quote tags).
const checked = html.replace(/<!--[\s\S]*?-->/g, '');
for (const m of checked.matchAll(tagPattern('script'))) {
  const a = attributes(m[0]);
  if (!a.get('src')) problems.push(`inline script: ${m[0]}`);
  else if (a.get('src').includes('boot-') && !a.has('integrity')) problems.push(`no integrity: ${m[0]}`);
}
if (tagPattern('style').test(checked)) problems.push('a <style> element');
for (const m of checked.matchAll(/<[a-z][^>]*>/gi)) {
  if (attributes(m[0]).has('style')) problems.push(`a style attribute: ${m[0]}`);
}
const metas = [...checked.matchAll(tagPattern('meta'))].map((m) => attributes(m[0]));
if (!metas.some((a) => (a.get('http-equiv') ?? '').toLowerCase() === 'content-security-policy')) {
  problems.push('no <meta http-equiv="Content-Security-Policy">');
}
for (const name of ['app-glue', 'app-wasm']) {
  if (!metas.some((a) => a.get('name') === name && a.get('content'))) {
    problems.push(`no <meta name="${name}"> (pattern_script in Trunk.toml)`);
  }
}
const links = [...checked.matchAll(tagPattern('link'))].map((m) => attributes(m[0]));
for (const rel of ['modulepreload', 'stylesheet']) {
  if (!links.some((a) => a.get('rel') === rel && a.has('integrity') && a.has('crossorigin'))) {
    problems.push(`no <link rel="${rel}"> with integrity and crossorigin`);
  }
}

if (problems.length > 0) {
  console.error(`finish-index: ${file}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
writeFileSync(file, html);
