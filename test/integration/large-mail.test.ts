import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { processInboundMail } from '../../functions/domain/conversation/inbound.js';
import { writeLargeForward } from '../support/large-mail.js';
import { fixture, received } from '../support/mail.js';
import { memoryDeps } from '../support/memory-ports.js';

/**
 * Size. Bounds, not timings: memory is measured and bounded, and the test timeouts are the
 * only hang guard. The inbound function has 1024 MB (lib/inbound-mail.ts); SES accepts up to 40 MB.
 */

const MB = 1024 * 1024;
const FUNCTION_MEMORY = 1024 * MB;
const dir = mkdtempSync(join(tmpdir(), 'bowout-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ChildReport {
  outcome: string;
  rawBytes: number;
  rssBefore: number;
  maxRssBefore: number;
  maxRssAfter: number;
  heapBefore: number;
  peakHeap: number;
  drafts: number;
}

describe('a forwarded invite with 35 MB of attachments', () => {
  it('gets its draft, with peak memory growth under half the message (its attachments are never decoded) and far under the function memory', async () => {
    const file = join(dir, 'large.eml');
    const size = writeLargeForward(file, 35 * MB);
    expect(size).toBeGreaterThan(35 * MB);
    // A fresh process, so that its peak RSS (getrusage's maxRSS) is this message's alone.
    const child = fileURLToPath(new URL('../support/large-mail-child.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', child, file],
      { maxBuffer: MB, env: { ...process.env, NODE_OPTIONS: '' } },
    );
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildReport;
    expect(report).toMatchObject({ outcome: 'drafted', drafts: 1, rawBytes: size });
    // From the resident size with the raw mail already in memory (as S3RawMailStore would hand it over)
    // to the highest resident size while processing it.
    const growth = report.maxRssAfter - report.rssBefore;
    console.info(
      `large mail: ${(size / MB).toFixed(1)} MB raw; RSS ${(report.rssBefore / MB).toFixed(0)} MB before, ` +
        `peak ${(report.maxRssAfter / MB).toFixed(0)} MB (growth ${(growth / size).toFixed(2)}× the message); ` +
        `heap ${(report.heapBefore / MB).toFixed(0)} → ${(report.peakHeap / MB).toFixed(0)} MB`,
    );
    // Decoding the attachments alone would take about three quarters of the message again.
    expect(growth).toBeLessThan(size / 2);
    expect(report.maxRssAfter).toBeLessThan(FUNCTION_MEMORY / 2);
  }, 60_000);
});

describe('a 1 MB HTML body', () => {
  const world = () => memoryDeps();

  function htmlOnlyForward(html: string): string {
    return (
      'From: Alex Rivera <alex.rivera@gmail.com>\r\nTo: cancel@bowout.localhost\r\n' +
      'Subject: Fwd: Interview for Senior Data Engineer at Northwind Analytics\r\n' +
      'Date: Tue, 1 Dec 2026 09:15:00 -0800\r\nMessage-ID: <large-html@mail.gmail.com>\r\nMIME-Version: 1.0\r\n' +
      `Content-Type: text/html; charset="UTF-8"\r\n\r\n${html}\r\n`
    );
  }
  const invite = fixture('invites/gmail-inline.eml')
    .toString('utf8')
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n')
    .split(/\r?\n/)
    .map(
      (line) =>
        `<div>${line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') || '<br>'}</div>`,
    )
    .join('\n');

  it('is handled: the invite at its top is drafted despite 1 MB of markup after it', async () => {
    const filler =
      '<table><tr><td style="color:#333">Earlier in this thread: thanks again for your time on the phone&nbsp;</td></tr></table>\n';
    ('<table><tr><td style="color:#333">Quarterly newsletter &amp; more&nbsp;</td></tr></table>\n');
    const html = `<html><body>${invite}${filler.repeat(Math.ceil(MB / filler.length))}</body></html>`;
    expect(html.length).toBeGreaterThan(MB);
    const w = world();
    w.rawMail.objects.set('html', new TextEncoder().encode(htmlOnlyForward(html)));
    expect(await processInboundMail(received('html'), w.deps)).toBe('drafted');
    expect(w.mailer.sent).toHaveLength(1);
  }, 30_000);

  it.each([
    ['unclosed nesting', '<div><span><b><i>'.repeat(MB / 16)],
    ['stray angle brackets', '< <a < b <<< '.repeat(MB / 13)],
    ['one giant attribute', `<div title="${'x'.repeat(MB)}">hi</div>`],
    ['entities', '&amp;&#x1F600;&nbsp;&bogus;'.repeat(MB / 25)],
    ['comments and scripts', '<!-- x --><script>var a="<div>";</script><style>p{}</style>'.repeat(MB / 58)],
  ])(
    'is handled with a documented outcome when it is hostile: %s',
    async (_name, body) => {
      const w = world();
      w.rawMail.objects.set(
        'h',
        new TextEncoder().encode(htmlOnlyForward(`<html><body>${body}</body></html>`)),
      );
      expect(['drafted', 'not-an-invite']).toContain(await processInboundMail(received('h'), w.deps));
      expect(w.mailer.sent.length).toBeLessThanOrEqual(1);
    },
    30_000,
  );
});
