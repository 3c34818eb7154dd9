// What an attacker would try on the report and the server: formulas in cells
// that a spreadsheet would run, and paths that climb out of the served folder.
import test from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { csvCell, csvLine } from '../../js/report.js';
import { startServer } from '../../scripts/serve.mjs';

test('report cells never start a formula', () => {
  for (const formula of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
    const cell = csvCell(formula);
    const text = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
    assert.equal(text[0], "'", formula);
    assert.equal(text.slice(1), formula);
  }
  assert.equal(csvCell('TK1234567'), 'TK1234567');
  assert.equal(csvLine(['a,b', 'say "hi"']), '"a,b","say ""hi"""\r\n');
});

/** The raw status line of a request whose path is sent exactly as given (no URL normalisation). */
function rawStatus(port, target) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (chunk) => (data += chunk));
    socket.on('end', () => resolve(Number(data.split(' ')[1])));
    socket.on('error', reject);
  });
}

test('the server serves www/ only: no path climbs out of it', async () => {
  const { url, close } = await startServer({ port: 0 });
  const port = Number(new URL(url).port);
  try {
    assert.equal(await rawStatus(port, '/index.html'), 200);
    for (const target of ['/../package.json', '/..%2fpackage.json', '/%2e%2e/package.json', '/%2e%2e%2fCargo.toml', '/lib/../../README.md', '//etc/passwd', '/..\\package.json']) {
      const status = await rawStatus(port, target);
      assert.ok(status === 403 || status === 404 || status === 400, `${target}: ${status}`);
    }
  } finally {
    await close();
  }
});
