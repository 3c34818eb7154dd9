// Japanese line breaking that holds in every engine. Japanese has no spaces,
// so browsers may break a line between any two characters (「パスポート番｜号」).
// Chromium's `word-break: auto-phrase` keeps phrases whole; Firefox and WebKit
// have nothing like it. So the pages mark the phrase boundaries themselves:
// BudouX (Google's phrase segmenter, Apache-2.0; scripts/build.mjs copies its
// parser and Japanese model into lib/budoux/) splits a text into phrases, a
// <wbr> goes between them, and `.phrased { word-break: keep-all }` lets the
// line break only there (and at spaces and punctuation). Screen readers and
// copying ignore <wbr>.
import { Parser } from '../lib/budoux/parser.js';
import { model } from '../lib/budoux/ja.js';

const parser = new Parser(model);
/** Kana or kanji: only such texts are segmented. */
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/u;
/** Past this, a text is left to the browser (segmenting costs time, not correctness). */
const MAX_LENGTH = 2000;

/** The phrases of `text`, whose concatenation is `text` itself. */
export function phrases(text) {
  if (!text || text.length > MAX_LENGTH || !JAPANESE.test(text)) return [text];
  return parser.parse(text);
}

/**
 * Sets `node`'s text to `text` with a <wbr> between its phrases and the
 * `phrased` class that keeps the rest of each phrase together.
 */
export function setPhrasedText(node, text) {
  const parts = phrases(String(text ?? ''));
  const children = [];
  parts.forEach((part, i) => {
    if (i > 0) children.push(document.createElement('wbr'));
    children.push(part);
  });
  node.replaceChildren(...children);
  node.classList.toggle('phrased', parts.length > 1);
}
