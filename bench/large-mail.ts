/**
 * The largest mail SES delivers: a forwarded invite carrying attachments up to just under SES's 40 MB
 * message limit, processed in a fresh Node process each time (so the memory figure is this message's
 * alone), with the ports in memory: the time is the handler's own work (parsing, reading the invite,
 * writing the draft), which must stay well inside the inbound function's 30 s timeout.
 *
 * Bowout reads the headers, the text parts and calendar parts only: the body of every other part is left
 * out before postal-mime sees the message (functions/domain/mail/unread-parts.ts), since postal-mime
 * decodes every part it is given. The parse alone is measured both ways, back to back in fresh processes:
 * as Bowout runs it, and with every part decoded, as postal-mime alone would; the rest of the processing
 * works on the same parsed mail either way.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeLargeForward } from '../test/support/large-mail.js';
import { median, note, type Print } from './support.js';

const MB = 1024 * 1024;
/** SES refuses mail over 40 MB, headers and encoding included; this stays just under it. */
const TARGET_BYTES = 39.9 * MB;
/** Base64 in 76-character lines with CRLF: 78 bytes of mail for every 57 of attachment. */
const ENCODED_PER_BYTE = 78 / 57;
const RUNS = 3;

interface ChildRun {
  outcome: string;
  elapsedMs: number;
  maxRssAfter: number;
  rssBefore: number;
}

export async function benchLargeMail(print: Print, options: { timeoutSeconds: number }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bowout-bench-large-'));
  try {
    const file = join(dir, 'near-40-mb.eml');
    const size = writeLargeForward(file, Math.floor((TARGET_BYTES - 8_000) / ENCODED_PER_BYTE));
    const child = fileURLToPath(new URL('../test/support/large-mail-child.ts', import.meta.url));
    const modes = ['process', 'parse', 'parse-every-part'] as const;
    const byMode = new Map<string, ChildRun[]>(modes.map((mode) => [mode, []]));
    // Interleaved, so that each comparison is back to back under the same load.
    for (let i = 0; i < RUNS; i++) {
      for (const mode of modes) {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ['--expose-gc', '--import', 'tsx', child, file, mode],
          { maxBuffer: MB, env: { ...process.env, NODE_OPTIONS: '' } },
        );
        byMode.get(mode)?.push(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}'));
      }
    }
    const runs = byMode.get('process') ?? [];
    const outcomes = [...new Set(runs.map((r) => r.outcome))].join(', ');
    const times = runs.map((r) => r.elapsedMs);
    const growth = (r: ChildRun) => r.maxRssAfter - r.rssBefore;
    print('large mail: message size', size / MB, 'MB', 1);
    print('large mail: processing time, median of 3 fresh processes', median(times), 'ms', 0);
    print('large mail: processing time, slowest of 3', Math.max(...times), 'ms', 0);
    print(
      'large mail: share of the function timeout (slowest)',
      (Math.max(...times) / 1000 / options.timeoutSeconds) * 100,
      '%',
      1,
    );
    print('large mail: peak RSS growth while processing', Math.max(...runs.map(growth)) / MB, 'MB', 0);
    note(`large mail: outcome ${outcomes}`);
    for (const [mode, label] of [
      ['parse', 'parse, unread parts left out'],
      ['parse-every-part', 'parse, every part decoded (postal-mime alone)'],
    ] as const) {
      const parses = byMode.get(mode) ?? [];
      print(`large mail: ${label}, median of 3`, median(parses.map((r) => r.elapsedMs)), 'ms', 0);
      print(`large mail: ${label}, peak RSS growth`, Math.max(...parses.map(growth)) / MB, 'MB', 0);
    }
    const parseTime = (mode: string) => median((byMode.get(mode) ?? []).map((r) => r.elapsedMs));
    print(
      'large mail: parse time with every part decoded ÷ with unread parts left out',
      parseTime('parse-every-part') / parseTime('parse'),
      '×',
      1,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
