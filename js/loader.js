// Loads a wasm-bindgen module once: from beside the glue in browsers, from
// disk in Node. Shared by the validator and the audit module.

const isNode = typeof process === 'object' && process?.versions?.node != null && typeof window === 'undefined';

/**
 * @param initWasm the glue's default export
 * @param wasmUrl the URL of the `.wasm` beside the glue
 * @returns `{ init(source?), ensureReady(name) }`
 */
export function createLoader(initWasm, wasmUrl) {
  let loading = null;
  let ready = false;

  async function load(source) {
    if (source === undefined && isNode && wasmUrl.protocol === 'file:') {
      const { readFile } = await import('node:fs/promises');
      source = await readFile(wasmUrl);
    }
    await initWasm({ module_or_path: source ?? wasmUrl });
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
    ensureReady(name) {
      if (!ready) {
        throw new Error(`hersys-validator: ${name}() was called before init() resolved; call \`await init()\` first`);
      }
    },
  };
}
