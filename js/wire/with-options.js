// The options of a module that validates no record through js/wire.js (the
// audit module's `new Auditor()`): checked by the same reader as validate()'s
// (js/wire/options.js) and decoded by the module from the same buffer, so
// that the audit and the forms accept, refuse and word every option alike.
// Its own file, so that the audit's workers load only what this needs.

import { readCatalogue, layoutOf } from './layout.js';
import { createOptionReader } from './options.js';
import { createMemory } from './memory.js';
import { createCaller } from './call.js';

// The catalogue's layout and options reader of each glue: made at its first
// call, kept as long as the glue (the compiled module does not change).
const readers = new WeakMap();

/**
 * `call(a)` into `glue`'s module, between `loader`'s begin() and end(), with
 * `options` checked as for validate() and decoded by the module first. Such
 * calls are rare: the memory is looked up afresh each time, so nothing is
 * kept across a re-instantiation.
 */
export function callWithOptions(glue, loader, options, call, a) {
  let reader = readers.get(glue);
  if (reader === undefined) {
    const layout = layoutOf(JSON.parse(readCatalogue(glue, loader)));
    reader = { layout, readOptions: createOptionReader(layout) };
    readers.set(glue, reader);
  }
  const o = reader.readOptions(options);
  return createCaller(glue, loader, reader.layout, createMemory(glue)).withOptions(o, call, a);
}
