// The single-file build's outer page: one frame per page, one shown. The
// pages' links to each other, the address's #form / #audit and the Back
// button switch frames; the shown page's title and language become the
// file's, and a language change in one page is passed to the others.
(() => {
  const frames = Array.from(document.querySelectorAll('iframe[data-view]'));
  const byView = new Map(frames.map((frame) => [frame.dataset.view, frame]));
  const states = new Map();
  let current = frames.find((frame) => !frame.hidden) ?? frames[0];
  let lang = document.documentElement.lang;

  const send = (frame, message) => frame.contentWindow?.postMessage(message, '*');

  function showTitle() {
    const state = states.get(current);
    if (!state) return;
    document.title = state.title;
    document.documentElement.lang = state.lang;
  }

  function show(view, { focus }) {
    const next = byView.get(view);
    if (!next || next === current) return;
    next.hidden = false;
    current.hidden = true;
    current = next;
    showTitle();
    send(next, { hv: 'lang', lang });
    if (focus) {
      next.focus();
      send(next, { hv: 'focus' });
    }
  }

  window.addEventListener('message', (event) => {
    const frame = frames.find((f) => f.contentWindow === event.source);
    const data = event.data;
    if (!frame || typeof data !== 'object' || data === null) return;
    if (data.hv === 'show' && byView.has(data.view)) {
      if (location.hash === `#${data.view}`) show(data.view, { focus: true });
      else location.hash = data.view; // one history entry per switch: Back returns
    } else if (data.hv === 'state' && typeof data.lang === 'string' && typeof data.title === 'string') {
      states.set(frame, { lang: data.lang, title: data.title });
      frame.title = data.title;
      if (frame !== current) return;
      showTitle();
      if (data.lang !== lang) {
        lang = data.lang;
        for (const other of frames) if (other !== frame) send(other, { hv: 'lang', lang });
      }
    }
  });
  const fromAddress = () => show(location.hash.slice(1) || frames[0].dataset.view, { focus: true });
  window.addEventListener('hashchange', fromAddress);
  if (location.hash) show(location.hash.slice(1), { focus: false });
})();
