// Starts the app, and says so when it cannot.
//
// index.html loads this module (trunk hashes it to boot-<hash>.js and adds
// its integrity). It replaces the inline <script type="module"> trunk would
// write, so the Content-Security-Policy needs no inline script
// (ARCHITECTURE.md, "Boot and security policy"). It:
//
// 1. imports the wasm-bindgen glue, named by <meta name="app-glue"> (written
//    by `pattern_script` in Trunk.toml), once a <link rel="modulepreload">
//    with the integrity trunk wrote has loaded it: import() then uses that
//    checked module;
// 2. fetches the wasm module named by <meta name="app-wasm"> with the sha384
//    trunk wrote for it (moved by scripts/finish-index.mjs into
//    <meta name="app-wasm-integrity">), so a changed or truncated module is
//    refused before it runs, and hands the response to the glue's init;
// 3. shows one readable, bilingual message with a reload button when any of
//    this fails, when a script error happens before the app has started, or
//    when the app panics (src/panic_notice.rs dispatches "app-fatal", which
//    this script draws so both look the same); after start-up, other
//    uncaught errors get a small notice that does not block the page.
//
// The texts are in both languages at once: they show before the app (and
// its language) exists, or after it has stopped.

const FAILURE_ID = "app-failure";
const NOTICE_ID = "app-notice";

const TEXT = {
  loadHeading: "Không tải được ứng dụng. / The app could not be loaded.",
  loadBody:
    "Có thể mạng bị gián đoạn hoặc trang vừa được cập nhật. Hãy tải lại trang. " +
    "/ The connection may have dropped, or the site was just updated. Please reload the page.",
  crashHeading: "Ứng dụng gặp lỗi và đã dừng. / The app hit an error and stopped.",
  crashBody:
    "Hãy tải lại trang. Nếu lỗi lặp lại, xin báo cho chúng tôi kèm chi tiết dưới đây. " +
    "/ Please reload the page; if it happens again, report the detail below.",
  details: "Chi tiết / Details",
  reload: "Tải lại trang / Reload the page",
  notice:
    "Một phần của trang gặp lỗi. Nếu trang không hoạt động đúng, hãy tải lại. " +
    "/ Part of the page hit an error. If something does not work, reload the page.",
  dismiss: "Đóng / Close",
};

let started = false;

function describe(error) {
  if (error instanceof Error) {
    return `${error.name}: ${error.message}`;
  }
  try {
    return String(error);
  } catch {
    return "unknown error";
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text; // Text only: details may quote data.
  return node;
}

function reloadButton() {
  const button = element("button", "app-reload", TEXT.reload);
  button.type = "button";
  button.dataset.testid = "reload";
  button.addEventListener("click", () => window.location.reload());
  return button;
}

function place(node) {
  const parent = document.body || document.documentElement;
  parent.prepend(node);
}

/**
 * The blocking message: the app did not start, or has stopped. Shown once;
 * later failures only add their detail to it. `kind` is "load" (a file of
 * the app could not be loaded or was refused) or "crash" (an error while
 * running).
 */
function showFailure(kind, detail) {
  const existing = document.getElementById(FAILURE_ID);
  if (existing) {
    const code = existing.querySelector("code");
    if (code && detail && !code.textContent.includes(detail)) {
      code.textContent += `\n${detail}`;
    }
    return;
  }
  document.getElementById("boot")?.remove();
  document.getElementById(NOTICE_ID)?.remove();
  const box = element("div", "panic-notice app-failure");
  box.id = FAILURE_ID;
  box.setAttribute("role", "alert");
  box.dataset.testid = "app-failure";
  box.dataset.kind = kind;
  const load = kind === "load";
  box.append(
    element("strong", "app-failure-heading", load ? TEXT.loadHeading : TEXT.crashHeading),
    element("p", "", load ? TEXT.loadBody : TEXT.crashBody),
    reloadButton(),
  );
  if (detail) {
    const more = element("details", "app-failure-details");
    more.append(element("summary", "", TEXT.details), element("code", "", detail));
    box.append(more);
  }
  place(box);
  console.error(`hanoi-ward-dashboard: ${detail}`);
}

/** A small notice after start-up: the page keeps working. */
function showNotice(detail) {
  if (document.getElementById(FAILURE_ID) || document.getElementById(NOTICE_ID)) return;
  const box = element("div", "app-notice");
  box.id = NOTICE_ID;
  box.setAttribute("role", "status");
  box.dataset.testid = "app-notice";
  box.title = detail;
  const close = element("button", "app-notice-close", TEXT.dismiss);
  close.type = "button";
  close.addEventListener("click", () => box.remove());
  box.append(element("span", "", TEXT.notice), reloadButton(), close);
  place(box);
}

function isBenign(message) {
  // Chromium reports a ResizeObserver that needed a second pass as an error
  // event; nothing is lost.
  return /ResizeObserver loop/.test(message);
}

function onUncaught(detail) {
  if (isBenign(detail)) return;
  if (started) {
    showNotice(detail);
  } else {
    showFailure("crash", detail);
  }
}

window.addEventListener("error", (event) => {
  onUncaught(event.error ? describe(event.error) : String(event.message || "error"));
});
window.addEventListener("unhandledrejection", (event) => {
  onUncaught(describe(event.reason));
});
// A panic of the app (src/panic_notice.rs): cancelling tells it this script
// drew the message, so it does not draw its own.
window.addEventListener("app-fatal", (event) => {
  event.preventDefault();
  showFailure("crash", String(event.detail || ""));
});

function metaContent(name) {
  const value = document.querySelector(`meta[name="${name}"]`)?.getAttribute("content");
  if (!value) throw new Error(`index.html has no <meta name="${name}">`);
  return value;
}

/**
 * The wasm module's integrity: <meta name="app-wasm-integrity">, where
 * scripts/finish-index.mjs moves the sha384 trunk wrote on its preload link
 * (Chromium ignores integrity on a fetch preload; fetch() checks it).
 */
function wasmIntegrity() {
  return document.querySelector('meta[name="app-wasm-integrity"]')?.getAttribute("content") || "";
}

/**
 * Loads the module at `url` through a <link rel="modulepreload"> with the
 * integrity trunk wrote on its own preload of it; resolves once the browser
 * has it in its module map, checked. import() then uses that very module.
 * (Chromium fetches a module again on import() when the page's preload
 * failed, without any integrity: so the outcome must be known first.)
 */
function checkedModule(url) {
  const written = [...document.querySelectorAll('link[rel="modulepreload"][integrity]')].find(
    (link) => link.getAttribute("href") === url,
  );
  if (!written) return Promise.reject(new Error(`no integrity for ${url} in index.html`));
  return new Promise((resolve, reject) => {
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.crossOrigin = "anonymous";
    link.integrity = written.integrity;
    link.addEventListener("load", resolve);
    link.addEventListener("error", () =>
      reject(new Error("missing, or changed since the build (integrity check failed)")),
    );
    link.href = url;
    document.head.append(link);
  });
}

async function fetchWasm(url) {
  const integrity = wasmIntegrity();
  if (!integrity) throw new Error(`no integrity for ${url} in index.html`);
  let response;
  try {
    // Same request as trunk's <link rel="preload" crossorigin="anonymous">,
    // so the preloaded bytes are used; the browser refuses them if their
    // sha384 differs from `integrity`.
    response = await fetch(url, { integrity, credentials: "same-origin" });
  } catch (error) {
    throw new Error(`${url} could not be loaded or failed its integrity check (${describe(error)})`);
  }
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return response;
}

async function start() {
  if (typeof WebAssembly !== "object") {
    throw new Error("this browser has no WebAssembly");
  }
  const glueUrl = metaContent("app-glue");
  const wasm = fetchWasm(metaContent("app-wasm"));
  // Handled below; keeps the rejection from being reported as unhandled
  // when the glue fails first.
  wasm.catch(() => {});
  let glue;
  try {
    await checkedModule(glueUrl);
    glue = await import(glueUrl);
  } catch (error) {
    throw new Error(`${glueUrl} could not be loaded (${describe(error)})`);
  }
  const response = await wasm;
  return { glue, response };
}

start()
  .then(
    async ({ glue, response }) => {
      try {
        // Runs `main`: the app mounts during this call.
        await glue["default"]({ module_or_path: response });
      } catch (error) {
        // A module the engine cannot compile or link was not loaded whole;
        // anything else is an error of the app while starting.
        const broken =
          error instanceof WebAssembly.CompileError || error instanceof WebAssembly.LinkError;
        showFailure(broken ? "load" : "crash", describe(error));
        return;
      }
      started = true;
    },
    (error) => showFailure("load", describe(error)),
  );
