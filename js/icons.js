// Severity icons for the binder and the pages: a different shape for each
// severity, so that colour is never the only cue. No dependencies, so any
// page can use them without loading the validator.

const SVG_NS = 'http://www.w3.org/2000/svg';

// Shapes (24×24 viewBox): the body, and the white sign drawn on it.
const ICONS = {
  error: ['M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20z', 'M8.5 8.5l7 7M15.5 8.5l-7 7'],
  warning: ['M12 2.5L1.5 21h21z', 'M12 9v5.5M12 17.2v.6'],
  info: ['M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20z', 'M12 10.5v6.5M12 7v.6'],
};

/** A decorative (aria-hidden) severity icon in currentColor; its shape, not only its colour, tells the severity. */
export function severityIcon(severity, className = 'hv-icon') {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', className);
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '1.1em');
  svg.setAttribute('height', '1.1em');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const [shape, mark] = ICONS[severity] ?? ICONS.info;
  const body = document.createElementNS(SVG_NS, 'path');
  body.setAttribute('d', shape);
  body.setAttribute('fill', 'currentColor');
  const sign = document.createElementNS(SVG_NS, 'path');
  sign.setAttribute('d', mark);
  sign.setAttribute('fill', 'none');
  sign.setAttribute('stroke', '#fff');
  sign.setAttribute('stroke-width', '2.4');
  sign.setAttribute('stroke-linecap', 'round');
  svg.append(body, sign);
  return svg;
}

