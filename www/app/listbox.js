// The popup of an editable combobox with list autocomplete (WAI-ARIA APG
// "Editable Combobox With List Autocomplete"), shared by the choice fields
// (combobox.js) and the country suggestions (suggest.js). The focus stays in
// the text input: the highlighted option is its aria-activedescendant and
// aria-selected, scrolled into view; the arrow keys wrap around; a click on an
// option picks it without taking the focus away; a polite status says, once
// typing pauses, how many options there are. What matches, which option is
// highlighted first and what picking it does stay with each caller.

/** The pause in typing after which the status is updated (a count on every key talks over the clerk's typing). */
const ANNOUNCE_MS = 500;

/** A key the IME is handling (Enter confirms the kana, the arrows move in its candidates): not the list's. */
export const isImeKey = (event) => event.isComposing || event.keyCode === 229;

/**
 * Makes `input` (a text input with an id) the combobox of a new, closed listbox named by `labelId`.
 * Items are the caller's objects, each with its option element `li` (made by `option(i)`);
 * `pick(item)` is called when one is clicked or taken with `pickActive`. Returns the listbox:
 * `element` (a `.combobox` holding the input, the list and the status), `list`, `status`, and
 * the methods below.
 */
export function createListbox(input, { labelId, pick }) {
  const listId = `${input.id}-list`;
  for (const [name, value] of Object.entries({
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    autocapitalize: 'off',
  })) input.setAttribute(name, value);
  const list = document.createElement('ul');
  Object.assign(list, { id: listId, className: 'combobox__list', hidden: true });
  list.setAttribute('role', 'listbox');
  if (labelId) list.setAttribute('aria-labelledby', labelId);
  const status = document.createElement('span');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  const element = document.createElement('div');
  element.className = 'combobox';
  element.append(input, list, status);

  let items = []; // the items in the open list, in order
  let active = -1; // index in `items` of the highlighted one
  let announceTimer = 0;

  const isOpen = () => !list.hidden;

  /** The option element of the `i`-th item: not selected, its text the caller's. */
  function option(i) {
    const li = document.createElement('li');
    Object.assign(li, { id: `${input.id}-opt-${i}`, className: 'combobox__option' });
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    return li;
  }

  /** Lists `next` (none: the list closes), nothing highlighted yet. */
  function show(next) {
    items = next;
    list.replaceChildren(...items.map((item) => item.li));
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
  }

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    highlight(-1);
    clearTimeout(announceTimer);
    status.textContent = '';
  }

  /** Highlights the `index`-th item (-1: none) for assistive technology and the eye. */
  function highlight(index) {
    for (const item of items) item.li.setAttribute('aria-selected', 'false');
    active = index;
    const item = items[index];
    if (!item || list.hidden) {
      input.removeAttribute('aria-activedescendant');
      return;
    }
    item.li.setAttribute('aria-selected', 'true');
    input.setAttribute('aria-activedescendant', item.li.id);
    item.li.scrollIntoView?.({ block: 'nearest' });
  }

  /** The next (1) or previous (-1) item, wrapping around; from none, the first or the last. */
  function step(delta) {
    const n = items.length;
    if (!n) return;
    highlight(active < 0 ? (delta > 0 ? 0 : n - 1) : (active + delta + n) % n);
  }

  /** Enter: picks the highlighted item of the open list, and keeps the key from the form; with none, the key goes on. */
  function pickActive(event) {
    if (!isOpen() || active < 0) return;
    event.preventDefault();
    pick(items[active]);
  }

  /** Once typing pauses, `say()` (what it returns, unless undefined) becomes the status. */
  function announce(say) {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      const text = say();
      if (text !== undefined) status.textContent = text;
    }, ANNOUNCE_MS);
  }

  // A press on the list keeps the focus in the input (no blur); the click picks.
  list.addEventListener('mousedown', (event) => event.preventDefault());
  list.addEventListener('click', (event) => {
    const li = event.target.closest('[role="option"]');
    const item = items.find((x) => x.li === li);
    if (item) pick(item);
  });

  return {
    element,
    list,
    status,
    get items() {
      return items;
    },
    get active() {
      return active;
    },
    isOpen,
    option,
    show,
    close,
    highlight,
    step,
    pickActive,
    announce,
  };
}
