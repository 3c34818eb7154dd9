// Severity icons: the package's, so that the pages and embedded forms show the same shapes.
export { severityIcon } from '../lib/icons.js';
