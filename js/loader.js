//# allFunctionsCalledOnLoad
// (A V8 compile hint for the cold start: see js/wire.js.)
// Loads a wasm-bindgen module once: from beside the glue in browsers, from
// disk in Node. Shared by the validator and the audit module. Also keeps the
// module usable after a trap, and never lets a call answer from an instance a
// failed call or a failed reset left behind: see `createLoader`.

// A variable, not a literal: no bundler follows it.
const NODE_FS = 'node:fs/promises';
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

/** A short description of what made a restart fail (an engine error; never caller data). */
function describeFailure(error) {
  try {
    if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 200);
  } catch {
    // falls through
  }
  return 'an unknown error';
}

/**
 * @param initWasm the glue's default export
 * @param wasmUrl the URL of the `.wasm` beside the glue
 * @param hooks `resetState`: the glue's `__wbg_reset_state` (built with
 *   wasm-bindgen's `--experimental-reset-state-function`), which makes a
 *   fresh instance of the compiled module; `onReady()` and `onReset()`: called
 *   after loading and after each re-instantiation
 * @returns `{ init(source?), ensureReady(name), module(), begin(), end(token),
 *   guarded(call, a, b), recover(error, token), abandon(), reset(), resets(), generation() }`
 *
 * Every call into wasm is bracketed: `const token = loader.begin()` before
 * the module is entered, `loader.end(token)` once its answer has been read
 * completely, and `loader.recover(error, token)` (or `abandon()`) in a
 * `catch` around it. Between the two the module counts as in use; anything
 * that leaves that span other than through `end` or a module's own Error
 * (a stack overflow in wasm, in the wrapper reading the answer, or in the
 * reset that follows; an out-of-memory; a trap) leaves it marked, and the
 * next `begin()` replaces the instance before anything else, or throws a
 * clear Error if it cannot. The mark is set before the call, not in a
 * `catch`, because a `catch` deep in the stack may itself overflow: so no
 * call ever answers from an instance (or from views of its memory) that a
 * failed call or a failed reset left behind.
 */
export function createLoader(initWasm, wasmUrl, { resetState, onReady, onReset } = {}) {
  let loading = null;
  let ready = false;
  let compiled = null;
  let resets = 0;
  // True from begin() until end(), and from the start of a reset until it
  // and onReset() have completed: when begin() finds it set, the instance
  // (or the wrapper's views of it) cannot be trusted.
  let dirty = false;
  // Counts begin() and resets: end() checks that no other call began, and no
  // reset happened, in between (a page's getter or prototype method run by
  // the wrapper), which would have used, or replaced, the instance under this
  // call's answer.
  let calls = 0;
  // Counts the attempts to replace the instance: objects living in wasm
  // memory (an auditor) belong to one generation.
  let generation = 0;
  // A page that preloads the .wasm in its <head> has asked for it early: its
  // compilation starts now, while the page goes on, and init() awaits it.
  // (Only then: a page that passes the bytes to init() under connect-src
  // 'none' must see no fetch.)
  let early = preloaded(wasmUrl) ? compile(wasmUrl) : null;
  early?.catch(() => (early = null));

  async function load(source) {
    if (source === undefined && isNode && wasmUrl.protocol === 'file:') {
      // Hidden from browser bundlers (webpack, Vite), which would otherwise
      // try to resolve a Node built-in this branch never reaches in a browser.
      const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_FS);
      source = await readFile(wasmUrl);
    }
    if (source === undefined && early) source = await early.catch(() => undefined);
    source ??= await compile(wasmUrl);
    if (source instanceof WebAssembly.Module) compiled = source;
    await initWasm({ module_or_path: source });
  }

  /** Replaces the instance; throws what the glue or onReset threw, leaving `dirty` set. */
  function reset() {
    dirty = true;
    generation += 1;
    calls += 1; // a call in progress (re-entered through a page's code) can no longer end
    resetState();
    onReset?.();
    resets += 1;
    dirty = false;
  }

  /** Replaces an instance a failed call left behind, or throws a clear Error: never goes on with it. */
  function restart() {
    let failure;
    if (typeof resetState === 'function') {
      try {
        reset();
        return;
      } catch (error) {
        failure = error;
      }
    }
    throw new Error(
      'hersys-validator: the WebAssembly module could not be restarted after a call into it failed' +
        (failure === undefined ? '' : ` (${describeFailure(failure)})`) +
        '; nothing was checked. The next call tries again; if this persists, call init() again or reload the page',
      { cause: failure },
    );
  }

  const loader = {
    init(source) {
      if (ready && dirty) {
        try {
          restart();
        } catch (error) {
          return Promise.reject(error);
        }
      }
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
     * Before a call into wasm: replaces the instance first if an earlier
     * call or reset did not complete (or throws a clear Error if it cannot),
     * then marks the module in use. Returns the token for `end`.
     */
    begin() {
      if (dirty) restart();
      dirty = true;
      return ++calls;
    },
    /**
     * After the call returned and its answer was read. Throws (and the
     * answer must be dropped) when another call began in between.
     */
    end(token) {
      if (token !== calls) {
        throw new Error(
          'hersys-validator: another call into the module, or a restart of it, happened while this one was running (from a getter, a Proxy or a prototype method the page changed); this answer was discarded',
        );
      }
      dirty = false;
    },
    /**
     * Replaces the instance by a fresh one of the same compiled module: after
     * a trap, its stack pointer and heap can no longer be trusted. The
     * module's state is per call, so nothing is lost (objects living in wasm
     * memory, such as an auditor, belong to the old `generation()`). Throws
     * when the reset itself fails; the module then stays marked, and the next
     * `begin()` tries again.
     */
    reset() {
      if (!ready || typeof resetState !== 'function') return;
      reset();
    },
    /**
     * For a `catch` around a call into wasm whose exception is to be
     * rethrown: replaces the instance, never throwing (a failed reset leaves
     * the module marked for the next `begin()`).
     */
    abandon() {
      try {
        loader.reset();
      } catch {
        // dirty stays set: the next begin() restarts or throws a clear Error
      }
    },
    /**
     * Calls `call(a, b)` into wasm between begin() and end(): whatever escapes
     * other than the module's own Error re-instantiates it, and if that fails
     * (or the catch never runs) the next call does.
     */
    guarded(call, a, b) {
      const token = loader.begin();
      let result;
      try {
        result = call(a, b);
      } catch (error) {
        loader.recover(error, token);
        throw error;
      }
      loader.end(token);
      return result;
    },
    /**
     * For a `catch` around a call into wasm: the module's own answer (an
     * Error it returned) ends the call; anything else replaces the instance
     * (see `abandon`).
     */
    recover(error, token) {
      if (token === calls && isModuleError(error)) dirty = false;
      else loader.abandon();
    },
    /** How many times the instance was replaced (for tests and diagnostics). */
    resets() {
      return resets;
    },
    /** Changes whenever a replacement of the instance begins: wasm objects of an older generation are gone. */
    generation() {
      return generation;
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
