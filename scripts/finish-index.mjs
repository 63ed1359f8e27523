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
// 3. The import worker (crates/import-worker, `data-type="worker"` in
//    index.html): trunk names a worker's files without a hash, so this
//    names them by content (import-worker-<hash>.js and
//    import-worker-<hash>_bg.wasm), writes its loader from
//    crates/import-worker/loader.js with their names and sha384 integrity,
//    as import-worker-loader-<hash>.js, and names the loader and its
//    integrity in <meta name="import-worker"> and
//    <meta name="import-worker-integrity">, which the app reads on first
//    use (src/import/worker_client.rs). The page itself loads none of them.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

// 3. The import worker.
const WORKER = 'import-worker';
const digest = (bytes) => createHash('sha384').update(bytes).digest();
const hashedName = (stem, hash, suffix) => `${stem}-${hash.toString('hex').slice(0, 16)}${suffix}`;
const integrityOf = (hash) => `sha384-${hash.toString('base64')}`;
// Like trunk's {base} in the app's <meta name="app-glue">; by hand, relative.
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '';
function finishWorker(dir) {
  const glue = join(dir, `${WORKER}.js`);
  const wasm = join(dir, `${WORKER}_bg.wasm`);
  if (!existsSync(glue) || !existsSync(wasm)) {
    problems.push(`no ${WORKER}.js and ${WORKER}_bg.wasm (the <link data-trunk rel="rust" data-type="worker"> in index.html)`);
    return;
  }
  const rename = (path, suffix) => {
    const hash = digest(readFileSync(path));
    const name = hashedName(WORKER, hash, suffix);
    renameSync(path, join(dir, name));
    return { name, integrity: integrityOf(hash) };
  };
  const wasmFile = rename(wasm, '_bg.wasm');
  const glueFile = rename(glue, '.js');
  const template = fileURLToPath(new URL('../crates/import-worker/loader.js', import.meta.url));
  let loader = readFileSync(template, 'utf8');
  const fill = {
    __IMPORT_WORKER_GLUE__: glueFile.name,
    __IMPORT_WORKER_GLUE_INTEGRITY__: glueFile.integrity,
    __IMPORT_WORKER_WASM__: wasmFile.name,
    __IMPORT_WORKER_WASM_INTEGRITY__: wasmFile.integrity,
  };
  for (const [placeholder, value] of Object.entries(fill)) {
    if (!loader.includes(`"${placeholder}"`)) problems.push(`${template} has no "${placeholder}"`);
    loader = loader.replaceAll(`"${placeholder}"`, JSON.stringify(value));
  }
  const bytes = Buffer.from(loader, 'utf8');
  const hash = digest(bytes);
  const name = hashedName(`${WORKER}-loader`, hash, '.js');
  writeFileSync(join(dir, name), bytes);
  html = html.replace(
    /<\/head>/i,
    `<meta name="import-worker" content="${publicUrl}${name}"><meta name="import-worker-integrity" content="${integrityOf(hash)}">\n</head>`,
  );
}
// Run by hand on a finished page: already done.
const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
if (!/<meta[^>]*name=["']?import-worker["'\s>]/i.test(withoutComments)) finishWorker(dirname(file));

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
for (const name of ['app-glue', 'app-wasm', 'import-worker']) {
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

if (!metas.some((a) => a.get('name') === 'import-worker-integrity' && /^sha384-/.test(a.get('content') ?? ''))) {
  problems.push('no <meta name="import-worker-integrity">');
}

if (problems.length > 0) {
  console.error(`finish-index: ${file}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
writeFileSync(file, html);
