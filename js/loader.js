//# allFunctionsCalledOnLoad
// (A V8 compile hint for the cold start: see js/wire.js.)
// Loads a wasm-bindgen module once: from beside the glue in browsers, from
// disk in Node. Shared by the validator and the audit module. Also keeps the
// module usable after a trap: see `recover`.

const isNode = typeof process === 'object' && process?.versions?.node != null && typeof window === 'undefined';

/**
 * True for an Error the module itself returned (wasm-bindgen throws a
 * module's `JsError` as a plain Error after the call has returned). Anything
 * else escaping a call into wasm (a WebAssembly.RuntimeError, a RangeError
 * from a stack overflow, a caller's exception) has unwound wasm frames
 * without their cleanup.
 */
function isModuleError(error) {
  try {
    return error !== null && typeof error === 'object' && Object.getPrototypeOf(error) === Error.prototype;
  } catch {
    return false;
  }
}

/**
 * @param initWasm the glue's default export
 * @param wasmUrl the URL of the `.wasm` beside the glue
 * @param hooks `resetState`: the glue's `__wbg_reset_state` (built with
 *   wasm-bindgen's `--experimental-reset-state-function`), which makes a
 *   fresh instance of the compiled module; `onReady()` and `onReset()`: called
 *   after loading and after each re-instantiation
 * @returns `{ init(source?), ensureReady(name), module(), recover(error), reset(), resets() }`
 */
export function createLoader(initWasm, wasmUrl, { resetState, onReady, onReset } = {}) {
  let loading = null;
  let ready = false;
  let compiled = null;
  let resets = 0;
  // A page that preloads the .wasm in its <head> has asked for it early: its
  // compilation starts now, while the page goes on, and init() awaits it.
  // (Only then: a page that passes the bytes to init() under connect-src
  // 'none' must see no fetch.)
  let early = preloaded(wasmUrl) ? compile(wasmUrl) : null;
  early?.catch(() => (early = null));

  async function load(source) {
    if (source === undefined && isNode && wasmUrl.protocol === 'file:') {
      const { readFile } = await import('node:fs/promises');
      source = await readFile(wasmUrl);
    }
    if (source === undefined && early) source = await early.catch(() => undefined);
    source ??= await compile(wasmUrl);
    if (source instanceof WebAssembly.Module) compiled = source;
    await initWasm({ module_or_path: source });
  }

  const loader = {
    init(source) {
      if (!loading) {
        loading = load(source).then(
          () => {
            onReady?.();
            ready = true;
          },
          (error) => {
            loading = null;
            throw error;
          },
        );
      }
      return loading;
    },
    /** The compiled module once loaded from a URL or a module (for handing to a worker), else null. */
    module() {
      return compiled;
    },
    ensureReady(name) {
      if (!ready) {
        throw new Error(`hersys-validator: ${name}() was called before init() resolved; call \`await init()\` first`);
      }
    },
    /**
     * Replaces the instance by a fresh one of the same compiled module: after
     * a trap, its stack pointer and heap can no longer be trusted. The
     * module's state is per call, so nothing is lost.
     */
    reset() {
      if (!ready || typeof resetState !== 'function') return;
      resetState();
      resets += 1;
      onReset?.();
    },
    /** For a `catch` around a call into wasm: resets unless `error` is the module's own answer. */
    recover(error) {
      if (!isModuleError(error)) loader.reset();
    },
    /** How many times the instance was replaced (for tests and diagnostics). */
    resets() {
      return resets;
    },
  };
  return loader;
}

/** True when the document has `<link rel="preload" href="…">` for `url`. */
function preloaded(url) {
  if (isNode || typeof document === 'undefined' || typeof document.querySelectorAll !== 'function') return false;
  for (const link of document.querySelectorAll('link[rel="preload"]')) if (link.href === url.href) return true;
  return false;
}

/** Compiles the `.wasm` at `url`, streaming when the server sends `application/wasm`. */
async function compile(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`hersys-validator: could not load ${url.pathname} (HTTP ${response.status})`);
  if (response.headers.get('Content-Type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}
