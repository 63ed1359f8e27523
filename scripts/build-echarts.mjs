#!/usr/bin/env node
// Bundles the ECharts subset of src/charts/echarts-entry.js into
// build/echarts/echarts.js with esbuild (both from npm, pinned by
// package-lock.json). Run by trunk as a pre_build hook (Trunk.toml); trunk
// then copies the file into dist/ (index.html, `copy-file`). The output is
// never committed (/build is gitignored).
//
// Skips the work when the output is newer than its inputs, so `trunk serve`
// rebuilds of the Rust code do not re-bundle ECharts.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'src/charts/echarts-entry.js');
const outfile = join(root, 'build/echarts/echarts.js');
const inputs = [
  entry,
  fileURLToPath(import.meta.url),
  join(root, 'package-lock.json'),
];

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
};

const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const echartsVersion = lock.packages?.['node_modules/echarts']?.version;
if (!echartsVersion?.startsWith('6.')) {
  console.error(`build-echarts: echarts 6.x expected in package-lock.json, found ${echartsVersion}`);
  process.exit(1);
}

const built = mtime(outfile);
if (built > 0 && inputs.every((path) => mtime(path) <= built)) {
  console.log(`build-echarts: ${outfile} is up to date (echarts ${echartsVersion})`);
  process.exit(0);
}

mkdirSync(dirname(outfile), { recursive: true });
const result = await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  platform: 'browser',
  legalComments: 'none',
  // ECharts' development checks and warnings go away in production.
  define: { 'process.env.NODE_ENV': '"production"', __DEV__: 'false' },
  banner: { js: `/*! ECharts ${echartsVersion} subset | Apache-2.0 | https://echarts.apache.org */` },
  metafile: true,
  logLevel: 'warning',
});
const bytes = statSync(outfile).size;
const modules = Object.keys(result.metafile.inputs).length;
console.log(`build-echarts: wrote ${outfile} (${bytes} bytes, ${modules} modules, echarts ${echartsVersion})`);
