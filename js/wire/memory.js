//# allFunctionsCalledOnLoad
// (A V8 compile hint for the cold start: see js/wire.js.)
// The module's memory as the wire sees it: views of it and the address of
// its input buffer. A memory object is used only between the loader's
// begin() and end(); the forms' wire keeps one and drops it when the module
// is re-instantiated (`reset`), other callers make one per call.

/**
 * `{ u16, u32, input(units), refresh(), reset() }`: `input(units)` returns
 * the first unit (an index into `u16`) of an input buffer of at least
 * `units` UTF-16 units, with the views up to date; `refresh()` renews the
 * views after a call that may have grown the memory.
 */
export function createMemory(glue) {
  let memory = null;
  let address = 0;
  let capacity = 0;
  const views = {
    u16: null,
    u32: null,
    input(units) {
      if (units > capacity) {
        const size = Math.max(units, 1024);
        address = glue.wireInput(size);
        capacity = size;
      }
      views.refresh();
      return address >>> 1;
    },
    refresh() {
      memory ??= glue.wireMemory();
      if (views.u16 === null || views.u16.buffer !== memory.buffer) {
        views.u16 = new Uint16Array(memory.buffer);
        views.u32 = new Uint32Array(memory.buffer);
      }
    },
    /** The module was re-instantiated: its memory and buffers are new. */
    reset() {
      memory = null;
      views.u16 = null;
      views.u32 = null;
      address = 0;
      capacity = 0;
    },
  };
  return views;
}
