// Frameworks (React, Vue…) re-render the form: they may replace controls,
// rewrite aria-describedby or aria-invalid, or drop the message boxes from
// elements they own. A MutationObserver on the form notices; the binder then
// maps replaced controls again, or re-applies what was dropped. Re-applying
// writes only what differs, so the binder's own writes end the loop at once.

const WATCHED_ATTRIBUTES = ['aria-describedby', 'aria-invalid', 'name', 'id', 'type'];

/**
 * @param {HTMLFormElement} form
 * @param {{ isOurs: (node: Node) => boolean, onControlsChanged: () => void, onRerender: () => void }} hooks
 * @returns {MutationObserver}
 */
export function watchRerenders(form, { isOurs, onControlsChanged, onRerender }) {
  const insideOurs = (node) => {
    for (let n = node; n && n !== form; n = n.parentNode) if (isOurs(n)) return true;
    return false;
  };
  const hasControl = (node) =>
    node.nodeType === Node.ELEMENT_NODE && !isOurs(node) && (node.matches('input, select, textarea') || node.querySelector('input, select, textarea'));

  const observer = new MutationObserver((records) => {
    let controls = false;
    let other = false;
    for (const r of records) {
      if (insideOurs(r.target)) continue; // the binder rendering its own messages
      if (r.type === 'attributes') {
        if (r.attributeName === 'name' || r.attributeName === 'id' || r.attributeName === 'type') controls = true;
        else other = true;
      } else if ([...r.addedNodes, ...r.removedNodes].some(hasControl)) {
        controls = true;
      } else if ([...r.removedNodes].some(isOurs) || [...r.addedNodes].some((n) => !isOurs(n))) {
        other = true;
      }
    }
    if (controls) onControlsChanged();
    if (controls || other) onRerender();
  });
  observer.observe(form, { subtree: true, childList: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
  return observer;
}
