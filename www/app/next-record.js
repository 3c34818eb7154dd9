// 「次の届出へ」: starting the next record without F5. Clears the form (keeping
// 報告年月日 when asked: a stack of paper 発生届 often shares the report date),
// the summary and the title, and puts focus in the first empty field. A record
// that has values is only cleared after a modal <dialog> confirms it (Escape or
// 「戻る」 cancels and gives focus back). While the form holds values, a reload
// or a closed tab gets the browser's own prompt (beforeunload): nothing is
// stored anywhere, so a lost record is lost. That prompt stays after 「コピー」
// too (a clipboard is one copy away from being overwritten); a copied record
// only changes which dialog button has focus (the one that clears it).

/** Alt+N by the key's position (event.code): the same key on Japanese and English layouts, and on a Mac (Option+N is a dead key there). */
export function isNextShortcut(event) {
  return event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === 'KeyN';
}

/**
 * @param {{ form: HTMLFormElement, dialog: HTMLDialogElement, confirm: HTMLElement, cancel: HTMLElement,
 *   keep: HTMLInputElement, copiedNote: HTMLElement, status: HTMLElement, keepKey: string,
 *   getHandle: () => object, onCleared: () => void, text: () => object }} parts
 */
export function createNextRecord({ form, dialog, confirm, cancel, keep, copiedNote, status, keepKey, getHandle, onCleared, text }) {
  let copied = null; // the record as it was copied
  let returnFocus = null;
  let unloadBound = false;
  let keptValue = null; // 報告年月日 as kept from the last record: not the new record's typing

  const record = () => getHandle()?.report()?.record ?? {};
  /** Whether the clerk typed something into this record: a kept 報告年月日, unchanged, is not a record to lose. */
  const hasValues = () => {
    const values = record();
    return Object.keys(values).some((key) => !(key === keepKey && keptValue !== null && values[key].trim() === keptValue));
  };
  const isCopied = () => copied !== null && copied === JSON.stringify(record());

  const onBeforeUnload = (event) => {
    event.preventDefault();
    event.returnValue = ''; // older engines need it set
  };
  /** Registered only while the form holds values: an empty page leaves (and is cached) without a prompt. */
  function syncUnload() {
    const want = hasValues();
    if (want === unloadBound) return;
    unloadBound = want;
    if (want) window.addEventListener('beforeunload', onBeforeUnload);
    else window.removeEventListener('beforeunload', onBeforeUnload);
  }

  function clear() {
    const handle = getHandle();
    const kept = keep.checked ? handle.controlFor(keepKey)?.value ?? '' : '';
    form.reset();
    keptValue = kept.trim() || null;
    if (kept) {
      const control = handle.controlFor(keepKey);
      if (control) control.value = kept; // attach validates after the reset event (a task later)
    }
    copied = null;
    onCleared();
    status.textContent = '';
    // The first field the clerk has to type: 報告年月日 unless it was kept. A task later, once
    // attach has handled the reset (it forgets what was shown and reached): focus then reaches
    // only that field, and the old record's "check all" state never shows on the empty form.
    const first = handle.keys.find((key) => !(kept && key === keepKey)) ?? handle.keys[0];
    setTimeout(() => {
      window.scrollTo(0, 0);
      handle.focus(first);
      // After focus has moved, so that the live region's change is heard.
      setTimeout(() => (status.textContent = text().nextDone), 50);
    }, 0);
  }

  function start() {
    if (dialog.open) return;
    if (!hasValues()) {
      clear();
      return;
    }
    returnFocus = document.activeElement;
    const wasCopied = isCopied();
    copiedNote.hidden = !wasCopied;
    dialog.showModal();
    // A copied record is the everyday case (Alt+N, Enter); otherwise the safe button has focus.
    (wasCopied ? confirm : cancel).focus();
  }

  function close(cleared) {
    dialog.close();
    if (cleared) clear();
    else if (returnFocus?.isConnected) returnFocus.focus();
    returnFocus = null;
  }

  confirm.addEventListener('click', () => close(true));
  cancel.addEventListener('click', () => close(false));
  // Escape: the dialog's own cancel; focus goes back where it was.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    close(false);
  });
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || !isNextShortcut(event)) return;
    event.preventDefault();
    start();
  });

  return {
    start,
    syncUnload,
    /** The record was copied: remembered (in memory) until it changes. */
    markCopied() {
      copied = JSON.stringify(record());
    },
  };
}
