// Shared Vite settings of the host apps: they import the package by its public
// names ('hersys-validator/attach', 'hersys-validator/attach.css'), resolved to
// this repo's js/ (built by `npm run build`), as a consumer's bundler would.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const alias = [
  { find: /^hersys-validator\/attach\.css$/, replacement: path.join(ROOT, 'js', 'attach.css') },
  { find: /^hersys-validator\/attach$/, replacement: path.join(ROOT, 'js', 'attach.js') },
];
