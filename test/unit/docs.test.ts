import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The documents a newcomer reads first must not lead astray: every link in README.md and docs/ resolves to a
 * file inside the repository, and every source file docs/architecture.md names exists (so a move or a
 * rename that forgets the map fails here).
 */

const ROOT = resolve(import.meta.dirname, '../..');
const DOCUMENTS = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((name) => `docs/${name}`)];

const sourceFiles = ['bin', 'bench', 'functions', 'lib', 'local', 'test']
  .flatMap((folder) => readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true }))
  .filter((entry) => entry.isFile())
  .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));

describe('the documents', () => {
  it.each(DOCUMENTS)('%s links only to files inside the repository', (document) => {
    const text = readFileSync(join(ROOT, document), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
    const wrong = targets.filter((target) => {
      const path = resolve(ROOT, dirname(document), target.replace(/#.*$/, ''));
      return /^[a-z]+:/i.test(target) || relative(ROOT, path).startsWith('..') || !existsSync(path);
    });
    expect(wrong).toEqual([]);
  });

  it('names in docs/architecture.md only source files that exist', () => {
    const text = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    const named = [...text.matchAll(/`([\w./-]+\.ts)`/g)].map((match) => match[1] ?? '');
    expect(named.length).toBeGreaterThan(50);
    const missing = named.filter(
      (name) => !sourceFiles.some((file) => file === name || file.endsWith(`/${name}`)),
    );
    expect(missing).toEqual([]);
  });
});
