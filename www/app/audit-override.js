// The form under the column report of audit.html: the header line (empty:
// found automatically) and a field for each unmapped column. Applying it
// checks the same file again with input.headerLine and input.mapping. The
// mapping is kept in this browser (app/audit-mapping.js: headers only); the
// header line belongs to the file it was chosen for.
import { STRINGS } from './audit-i18n.js';
import { mappingChoices } from './audit-columns.js';
import { createMappingStore } from './audit-mapping.js';

/**
 * @param {{ $: (id: string) => HTMLElement, fieldKeys: string[], results: object,
 *   lang: () => string, say: (text: string) => void, checkAgain: () => void }} deps
 */
export function createOverride({ $, fieldKeys, results, lang, say, checkAgain }) {
  const store = createMappingStore(fieldKeys);
  const lineInput = $('header-line');
  const lineError = $('header-line-error');
  /** the line the user named for the current file; undefined: found automatically */
  let headerLine;

  const showLineError = (text) => {
    lineError.textContent = text;
    lineError.hidden = !text;
    if (text) lineInput.setAttribute('aria-invalid', 'true');
    else lineInput.removeAttribute('aria-invalid');
  };
  const renderSaved = () => {
    $('mapping-saved').textContent = STRINGS[lang()].mappingSaved(store.size);
    $('forget-mapping').disabled = store.size === 0;
  };

  $('override').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = lineInput.value.trim();
    const line = Number(text);
    if (lineInput.validity.badInput || (text && !(Number.isSafeInteger(line) && line >= 1))) {
      showLineError(STRINGS[lang()].headerLineInvalid);
      lineInput.focus();
      return;
    }
    showLineError('');
    headerLine = text ? line : undefined;
    store.apply(mappingChoices($('mapping-rows')));
    checkAgain();
  });
  lineInput.addEventListener('input', () => {
    if (lineError.textContent) showLineError('');
  });
  $('forget-mapping').addEventListener('click', () => {
    store.clear();
    results.clearChoices();
    renderSaved();
    // The button is now disabled: keep the keyboard in the form.
    $('apply').focus();
    say(STRINGS[lang()].mappingForgotten);
  });
  // A file finding's button goes to the control that settles it.
  $('file-findings').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-focus]');
    const target = button && document.getElementById(button.dataset.focus);
    if (!target) return;
    target.focus();
    target.scrollIntoView({ block: 'center' });
  });

  return {
    /** What the next audit takes: `{ headerLine?, mapping? }`. */
    input() {
      const mapping = store.input();
      return { ...(headerLine ? { headerLine } : {}), ...(mapping ? { mapping } : {}) };
    },
    /** Another file: its header line is found again. */
    newFile() {
      headerLine = undefined;
      lineInput.value = '';
      showLineError('');
    },
    /** The texts that depend on the language and on what is kept. */
    render() {
      renderSaved();
      if (lineError.textContent) showLineError(STRINGS[lang()].headerLineInvalid);
    },
  };
}
