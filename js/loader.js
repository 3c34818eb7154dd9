// Loads a wasm-bindgen module once: from beside the glue in browsers, from
// disk in Node. Shared by the validator and the audit module.

const isNode = typeof process === 'object' && process?.versions?.node != null && typeof window === 'undefined';

/**
 * @param initWasm the glue's default export
 * @param wasmUrl the URL of the `.wasm` beside the glue
 * @returns `{ init(source?), ensureReady(name), module() }`
 */
export function createLoader(initWasm, wasmUrl) {
  let loading = null;
  let ready = false;
  let compiled = null;

  async function load(source) {
    if (source === undefined && isNode && wasmUrl.protocol === 'file:') {
      const { readFile } = await import('node:fs/promises');
      source = await readFile(wasmUrl);
    }
    source ??= await compile(wasmUrl);
    if (source instanceof WebAssembly.Module) compiled = source;
    await initWasm({ module_or_path: source });
  }

  return {
    init(source) {
      if (!loading) {
        loading = load(source).then(
          () => {
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
  };
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
