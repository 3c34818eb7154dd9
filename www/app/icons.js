// Severity icons: the binder's, so that the page and embedded forms show the same shapes.
export { severityIcon } from '../lib/attach.js';
