import { readdirSync, readFileSync } from 'node:fs';

/** The text of every .eml fixture, read once. */
let texts: string[] | undefined;
function fixtureTexts(): string[] {
  if (texts) return texts;
  const root = new URL('../fixtures/', import.meta.url);
  texts = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.eml'))
    .map((entry) => readFileSync(`${entry.parentPath}/${entry.name}`, 'utf8'));
  return texts;
}

/** Every line of the .eml fixtures, trimmed, without repeats: real titles, signatures, names and headers. */
export function fixtureLines(): string[] {
  const lines = new Set<string>();
  for (const text of fixtureTexts())
    for (const line of text.split('\n')) if (line.trim()) lines.add(line.trim().slice(0, 200));
  return [...lines];
}

/** Every word (a run between white space) of the .eml fixtures, lower-cased as the readers compare them. */
export function fixtureWords(): string[] {
  const words = new Set<string>();
  for (const text of fixtureTexts())
    for (const word of text.toLowerCase().split(/\s+/)) if (word) words.add(word);
  return [...words];
}
