import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/reliability.md claims a test for each of its forty situations. This keeps the claim checkable: every
 * situation is there once, has at least one proof, and every proof names a test file that exists and holds
 * a test of exactly that name, so renaming or deleting a test without updating the page fails here.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const text = readFileSync(join(ROOT, 'docs/reliability.md'), 'utf8');

/** The situations, each with the proofs listed under it (`file` — `test name`). */
const situations = text
  .split(/^(?=\*\*\d+\. )/m)
  .slice(1)
  .map((section) => ({
    number: Number(section.match(/^\*\*(\d+)\. /)?.[1]),
    proofs: [...section.matchAll(/^- `([^`]+)` — `([^`]+)`$/gm)].map((match) => ({
      file: match[1] ?? '',
      name: match[2] ?? '',
    })),
  }));
const proofs = situations.flatMap(({ number, proofs }) => proofs.map((proof) => ({ number, ...proof })));

/** A test's name as its file writes it: in quotes of any kind, or as a template of a table of cases. */
function holdsTest(source: string, name: string): boolean {
  return ["'", '"', '`'].some((quote) => source.includes(`${quote}${name}${quote}`));
}

describe('docs/reliability.md', () => {
  it('lists the forty situations once each, in order, each with at least one proof', () => {
    expect(situations.map((s) => s.number)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(situations.filter((s) => s.proofs.length === 0).map((s) => s.number)).toEqual([]);
  });

  it('names as proofs only tests that exist, in files that exist', () => {
    expect(proofs.length).toBeGreaterThanOrEqual(80);
    const missing = proofs.filter(({ file, name }) => {
      const path = join(ROOT, file);
      return !file.startsWith('test/') || !existsSync(path) || !holdsTest(readFileSync(path, 'utf8'), name);
    });
    expect(missing).toEqual([]);
  });
});
