import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A folder beside the repository, or a path of one machine: a clone elsewhere has neither. */
const OUTSIDE = /\.\.\/shared\b|\/(?:work|farm)\//;

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
}

describe('the repository', () => {
  it('names no path outside itself in any file it tracks', () => {
    const offending: string[] = [];
    for (const file of trackedFiles()) {
      const bytes = readFileSync(path.join(ROOT, file));
      // Binary files (a NUL byte in the first 8 KB, as git decides) name no paths.
      if (bytes.subarray(0, 8000).includes(0)) continue;
      bytes
        .toString('utf8')
        .split('\n')
        .forEach((line, index) => {
          if (OUTSIDE.test(line)) offending.push(`${file}:${index + 1}: ${line.trim().slice(0, 120)}`);
        });
    }
    expect(offending).toEqual([]);
  });
});
