// The corrected record as plain text for the clipboard: one "label：value" line
// per filled field in form order, the fixes applied, then the errors that are
// left (messages name fields, never values). Nothing leaves the browser: the
// text goes to the system clipboard only, on the user's click.

/**
 * @param {{ keys: string[], normalized: Record<string, string>, remaining: object[], labelOf: (key: string) => string,
 *           strings: { copyHeading: string, copyToday: (d: string) => string, copyRemaining: (n: number) => string, colon: string },
 *           today: string }} parts
 */
export function recordText({ keys, normalized, remaining, labelOf, strings, today }) {
  const lines = [strings.copyHeading, strings.copyToday(today), ''];
  for (const key of keys) {
    const value = normalized[key];
    if (value === undefined || value === null || value === '') continue;
    lines.push(`${labelOf(key)}${strings.colon}${value}`);
  }
  const errors = remaining.filter((i) => i.severity === 'error');
  if (errors.length) {
    lines.push('', strings.copyRemaining(errors.length));
    for (const issue of errors) lines.push(`・${labelOf(issue.field)}${strings.colon}${issue.message}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Puts `text` on the clipboard; falls back to a selected textarea where the Clipboard API is missing or refused. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const active = document.activeElement;
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    active?.focus?.({ preventScroll: true });
    return ok;
  }
}
