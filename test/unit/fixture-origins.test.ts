import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Fixture folders copied from other projects' test suites: each keeps the manifest it came with, its
 * licence texts and a README naming its origin, and holds exactly the files its manifest names, byte for
 * byte as published (where the manifest records a SHA-256).
 */
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const COPIED = ['forward-parser', 'calendar-corpus', 'calendar-mails', 'ses-events'];
/** Files that describe a folder rather than being its data. */
const ABOUT = /^(README\.md|manifest\.json|LICENSE[^/]*|LICENSES\/.+)$/;

interface NamedFile {
  file: string;
  sha256?: string;
}

/** Every data file a manifest names, wherever in it: `file` entries with their hash, and case body/subject files. */
function namedFiles(value: unknown): NamedFile[] {
  if (Array.isArray(value)) return value.flatMap(namedFiles);
  if (!value || typeof value !== 'object') return [];
  const entry = value as Record<string, unknown>;
  const own: NamedFile[] = [];
  if (typeof entry.file === 'string') {
    own.push({
      file: entry.file,
      ...(typeof entry.sha256 === 'string' ? { sha256: entry.sha256 } : {}),
    });
  }
  for (const key of ['body_file', 'subject_file']) {
    if (typeof entry[key] === 'string') own.push({ file: entry[key] });
  }
  return [...own, ...Object.values(entry).flatMap(namedFiles)];
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((each) => each.isFile())
    .map((each) => path.relative(folder, path.join(each.parentPath, each.name)).split(path.sep).join('/'));
}

describe.each(COPIED)('the copied fixtures in %s', (name) => {
  const folder = path.join(FIXTURES, name);
  const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as unknown;
  const named = namedFiles(manifest);

  it('say where they came from and carry the licence they came under', () => {
    const readme = readFileSync(path.join(folder, 'README.md'), 'utf8');
    expect(readme).toMatch(/commit/);
    expect(readme).toMatch(/\b[0-9a-f]{40}\b/);
    const licences = filesUnder(folder).filter((file) => /^LICENSE/.test(file));
    expect(licences.length).toBeGreaterThan(0);
  });

  it('hold exactly the files their manifest names', () => {
    expect(named.length).toBeGreaterThan(0);
    const data = filesUnder(folder).filter((file) => !ABOUT.test(file));
    expect(data.sort()).toEqual([...new Set(named.map((each) => each.file))].sort());
  });

  it('are byte for byte what the manifest recorded', () => {
    for (const { file, sha256 } of named) {
      expect(existsSync(path.join(folder, file)), file).toBe(true);
      if (!sha256) continue;
      const actual = createHash('sha256')
        .update(readFileSync(path.join(folder, file)))
        .digest('hex');
      expect(actual, file).toBe(sha256);
    }
  });
});
