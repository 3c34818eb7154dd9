// hersys-validator: the public JavaScript API. The validator itself is in
// js/validator.js; createSchema (js/schema.js) is built on it. Both import
// from js/validator.js, never from here, so the package's modules have no
// import cycle (tests/js/module-graph.test.mjs).
export * from './validator.js';
export { createSchema } from './schema.js';
