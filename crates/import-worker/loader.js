// Starts the import worker (a classic Worker: `new Worker(url)`).
//
// A template: scripts/finish-index.mjs (trunk's post_build hook) fills in
// the content-hashed names of the worker's wasm-bindgen glue and wasm
// module and their sha384 integrity, and writes the result as
// import-worker-loader-<hash>.js, which index.html names in
// <meta name="import-worker"> with its own integrity (checked by the page,
// src/import/worker_client.rs, before it starts the worker). trunk names a
// worker's files without a hash (they are named at run time), so the hook
// names them: a cached file from an older build is never mixed with a new one.
//
// Both files are fetched with their integrity, as src/boot.js does for the
// app: a missing, truncated or changed file is refused. The glue is then
// run by importScripts (which has no integrity option: it reuses the file
// just checked, from the HTTP cache where the server allows caching), and
// the wasm instantiated from the checked response. Any failure is posted to
// the page as {kind: "start-failed", message} rather than left as an
// unhandled rejection, which a worker does not report to its page.
//
// Under the page's Content-Security-Policy: a same-origin worker script is
// allowed by script-src 'self' (worker-src falls back to it); if the host
// sends the same policy with this script, importScripts('self'), fetch
// (connect-src 'self') and compiling the wasm ('wasm-unsafe-eval') are
// allowed too.
"use strict";

const GLUE = "__IMPORT_WORKER_GLUE__";
const GLUE_INTEGRITY = "__IMPORT_WORKER_GLUE_INTEGRITY__";
const WASM = "__IMPORT_WORKER_WASM__";
const WASM_INTEGRITY = "__IMPORT_WORKER_WASM_INTEGRITY__";

function describe(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function checked(url, integrity) {
  let response;
  try {
    response = await fetch(url, { integrity, credentials: "same-origin" });
  } catch (error) {
    throw new Error(`${url} could not be loaded or failed its integrity check (${describe(error)})`);
  }
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return response;
}

async function start() {
  const wasm = checked(WASM, WASM_INTEGRITY);
  // Handled below; keeps a failure of the wasm from being unhandled while
  // the glue loads.
  wasm.catch(() => {});
  await checked(GLUE, GLUE_INTEGRITY);
  try {
    importScripts(GLUE);
  } catch (error) {
    throw new Error(`${GLUE} could not be run (${describe(error)})`);
  }
  // The glue declares `let wasm_bindgen` at its top level: a global
  // binding, not a property of `self`. Its init runs the worker's `main`,
  // which posts {kind: "ready"}.
  // eslint-disable-next-line no-undef
  await wasm_bindgen({ module_or_path: await wasm });
}

start().catch((error) => {
  self.postMessage({ kind: "start-failed", message: describe(error) });
});
