// The four implementations of the forms rules, in the order of the table's columns.
export const IMPLS = ['ours', 'valibot', 'zod', 'ajv'];
export const LABEL = { ours: 'ours (wasm)', valibot: 'valibot', zod: 'zod 4', ajv: 'ajv*' };
