// A polite status region after the form that tells screen-reader users how
// many errors are on screen when that number changes and typing has paused
// (WCAG 4.1.3): the messages themselves sit by fields the user may have left.

const LIVE_DELAY_MS = 1000;

export function createAnnouncer(form) {
  const live = document.createElement('div');
  live.setAttribute('role', 'status');
  live.className = 'hv-live';
  // Visually hidden through the CSSOM, which a CSP without 'unsafe-inline' allows.
  Object.assign(live.style, {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: '0',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: '0',
  });
  form.after(live);
  let announced = '0|0';
  let timer = 0;
  return {
    /** `errors` shown in all; `outside` of them on fields the form does not hold (missingFields 'report'/'block'). */
    say(errors, lang, outside = 0) {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const key = `${errors}|${outside}`;
        if (key === announced) return;
        announced = key;
        const en = lang === 'en';
        let text = errors === 0
          ? (en ? 'No errors shown.' : '表示中のエラーはありません。')
          : en ? `${errors} error${errors === 1 ? '' : 's'} shown.` : `エラーが ${errors} 件あります。`;
        if (outside > 0) {
          text += en
            ? ` ${outside} of them on fields this form does not have.`
            : `うち ${outside} 件はこのフォームにない項目です。`;
        }
        live.textContent = text;
      }, LIVE_DELAY_MS);
    },
    remove() {
      clearTimeout(timer);
      live.remove();
    },
  };
}
