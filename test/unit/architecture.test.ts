import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The shape of the code, checked on every run: no module reaches itself through its imports (type
 * imports included), and the domain stays pure: no AWS, no Lambda middleware, no adapter, handler or
 * local-stack code.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const FOLDERS = ['bin', 'bench', 'functions', 'lib', 'local', 'test'];

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

const files = FOLDERS.flatMap(sourceFiles).sort();
const known = new Set(files);

/** Every module a file names in an import or export (static or dynamic, type-only included). */
function specifiers(file: string): string[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  return ts.preProcessFile(source, true, true).importedFiles.map((imported) => imported.fileName);
}

/** The repository file a relative specifier names (`./x.js` is `./x.ts` in the source), if any. */
function resolveLocal(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = relative(ROOT, resolve(ROOT, dirname(from), specifier)).replace(/\.js$/, '.ts');
  return known.has(target) ? target : null;
}

const imports = new Map(
  files.map((file) => [
    file,
    { local: specifiers(file).flatMap((s) => resolveLocal(file, s) ?? []), packages: specifiers(file) },
  ]),
);

/** Strongly connected components of more than one module (or a module importing itself): the cycles. */
function cycles(): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of imports.get(file)?.local ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    for (;;) {
      const member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
      if (member === file) break;
    }
    if (component.length > 1 || imports.get(file)?.local.includes(file)) found.push(component.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return found;
}

describe('the module graph', () => {
  it('reads the imports of every source file', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(imports.get('functions/handlers/inbound-mail.ts')?.local).toContain('functions/wiring.ts');
  });

  it('has no import cycle', () => {
    expect(cycles()).toEqual([]);
  });

  it('keeps the domain pure: no AWS SDK, no middleware, no adapter, handler, CDK or local-stack code', () => {
    const impure = files
      .filter((file) => file.startsWith('functions/domain/'))
      .flatMap((file) => {
        const { local, packages } = imports.get(file) ?? { local: [], packages: [] };
        const outside = local.filter((target) => !target.startsWith('functions/domain/'));
        const sdk = packages.filter((name) => /^@aws-sdk\/|^@middy\/|^@aws-lambda-powertools\//.test(name));
        return [...outside, ...sdk].map((target) => `${file} imports ${target}`);
      });
    expect(impure).toEqual([]);
  });

  it('lets no adapter depend on a handler or on the wiring', () => {
    const wrong = files
      .filter((file) => file.startsWith('functions/adapters/'))
      .flatMap((file) =>
        (imports.get(file)?.local ?? [])
          .filter((target) => target.startsWith('functions/handlers/') || target === 'functions/wiring.ts')
          .map((target) => `${file} imports ${target}`),
      );
    expect(wrong).toEqual([]);
  });
});
