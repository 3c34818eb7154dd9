// Runs in each page of the single-file build, inside its frame: the links
// between the pages switch frames (a page's own navigation would leave the
// file), and the frame tells the shell its language and title, so that the
// other page follows a language change.
(() => {
  if (window.parent === window) return;
  const post = (message) => window.parent.postMessage(message, '*');

  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-hv-view]') : null;
    if (!link) return;
    event.preventDefault();
    post({ hv: 'show', view: link.dataset.hvView });
  });

  let last = '';
  const report = () => {
    const lang = document.documentElement.lang;
    const title = document.title;
    if (`${lang}\n${title}` === last) return;
    last = `${lang}\n${title}`;
    post({ hv: 'state', lang, title });
  };
  new MutationObserver(report).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  new MutationObserver(report).observe(document.head, { subtree: true, childList: true, characterData: true });
  report();

  window.addEventListener('message', (event) => {
    if (event.source !== window.parent) return;
    const data = event.data;
    if (data?.hv === 'lang' && data.lang !== document.documentElement.lang) {
      // The pages' own language buttons: the page updates every text itself.
      document.querySelector(`button[data-lang="${CSS.escape(String(data.lang))}"]`)?.click();
    } else if (data?.hv === 'focus') {
      // As after a page load, a screen reader starts at the page's heading.
      const heading = document.querySelector('h1');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    }
  });
})();
