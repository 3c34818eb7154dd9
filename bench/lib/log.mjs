// Progress goes to stderr, so that stdout is the table alone.
export const log = (msg) => console.error(`[bench] ${msg}`);
