/**
 * People's names as letters use them: "Nair, Priya" is Priya Nair, "Dr. Emily Carter" keeps her title
 * for the greeting, "Frau Weber" says how to address her. A salutation comes only from words the name or
 * the invite states; it is never guessed from a first name.
 */

export type Salutation = 'ms' | 'mr';

export interface PersonName {
  /** An academic title as written: "Dr.", "Prof. Dr.", "Dott.ssa". */
  title: string | null;
  salutation: Salutation | null;
  first: string | null;
  /** The surname, particles included as written ("de Boer", "van der Berg"). */
  last: string | null;
  /** The name in natural order, without salutation: "Dr. Emily Carter", "Priya Nair". */
  full: string;
}

// Words that state how to address a person. Gendered titles (Dra., Dott.ssa) state it too.
const SALUTATIONS: ReadonlyMap<string, Salutation> = new Map([
  ...[
    'mrs',
    'ms',
    'miss',
    'frau',
    'madame',
    'mme',
    'mlle',
    'sra',
    'srta',
    'señora',
    'doña',
    'signora',
    'sig.ra',
    'sig.ra.',
    'mevrouw',
    'mevr',
    'senhora',
    'dona',
  ].map((word) => [word, 'ms'] as const),
  ...[
    'mr',
    'herr',
    'monsieur',
    'm',
    'sr',
    'señor',
    'don',
    'signor',
    'sig',
    'signore',
    'meneer',
    'dhr',
    'heer',
    'senhor',
  ].map((word) => [word, 'mr'] as const),
]);
const TITLES: ReadonlyMap<string, Salutation | null> = new Map([
  ['dr', null],
  ['prof', null],
  ['professor', null],
  ['dra', 'ms'],
  ['dott', 'mr'],
  ['dott.ssa', 'ms'],
  ['prof.ssa', 'ms'],
  ['ing', null],
  ['mag', null],
]);
// Degrees and generational suffixes written after a comma or at the end: not part of the name.
const SUFFIX =
  /^(?:ph\.?\s?d\.?|m\.?d\.?|mba|m\.?sc\.?|b\.?sc\.?|m\.?a\.?|b\.?a\.?|jr\.?|sr\.?|ii|iii|iv|esq\.?|cpa|dipl\.?-?\w*)$/i;
// Particles that begin a surname in Dutch, German, French, Spanish, Italian and Portuguese names.
const PARTICLES = new Set([
  'van',
  'de',
  'der',
  'den',
  'ter',
  'ten',
  'te',
  "'t",
  'von',
  'zu',
  'vom',
  'du',
  'des',
  'la',
  'le',
  'del',
  'della',
  'di',
  'da',
  'dos',
  'das',
  'do',
  'y',
  'e',
]);

const key = (word: string) => word.toLowerCase().replace(/\.$/, '');
// Unicode-property patterns at module scope: bundled, a literal inside a function is compiled on every call.
const NAME_WORD = /^\p{L}[\p{L}'’.-]*$/u;
const TWO_CAPITALS = /\p{Lu}{2}/u;
const WORD_START = /(^|[-'’])(\p{L})/gu;
const FIRST_LETTER = /^\p{L}/u;
const isNameWord = (word: string) => NAME_WORD.test(word);

function titleCase(word: string): string {
  return word.length > 1 && word === word.toUpperCase() && TWO_CAPITALS.test(word)
    ? word.toLowerCase().replace(WORD_START, (_, sep: string, ch: string) => sep + ch.toUpperCase())
    : word;
}

/** "Nair, Priya" → "Priya Nair"; "Carter, Emily, PhD" → "Emily Carter"; anything else as it is, trimmed. */
export function naturalOrder(raw: string): string {
  const parts = raw
    .replace(/^[\s"'“”]+|[\s"'“”]+$/g, '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !SUFFIX.test(part));
  if (parts.length === 2 && parts.every((part) => part.split(/\s+/).every(isNameWord))) {
    return `${parts[1]} ${parts[0]}`;
  }
  return parts.join(', ');
}

/** The parts of a person's name, or null when there is no name in it. */
export function readPersonName(raw: string | null | undefined): PersonName | null {
  if (!raw?.trim()) return null;
  const words = naturalOrder(raw.slice(0, 200)).split(/\s+/).filter(Boolean);
  let salutation: Salutation | null = null;
  const titles: string[] = [];
  while (words.length > 1) {
    const word = key(words[0] as string);
    if (SALUTATIONS.has(word) && !salutation) salutation = SALUTATIONS.get(word) ?? null;
    else if (TITLES.has(word)) {
      titles.push(words[0] as string);
      salutation = salutation ?? TITLES.get(word) ?? null;
    } else if (word === 'de' && key(words[1] ?? '') === 'heer') {
      salutation = 'mr';
      words.shift();
    } else break;
    words.shift();
  }
  while (words.length > 1 && SUFFIX.test(words.at(-1) as string)) words.pop();
  const names = words.filter(isNameWord).map(titleCase);
  if (names.length === 0) return null;
  const title = titles.length ? titles.join(' ') : null;
  // One word after a salutation ("Frau Weber") is a surname; one word alone, a first name.
  const [first, ...rest] = names;
  const oneWord = rest.length === 0;
  const person: PersonName = {
    title,
    salutation,
    first: oneWord && (salutation || title) ? null : (first ?? null),
    last: oneWord ? (salutation || title ? (first ?? null) : null) : rest.join(' '),
    full: [title, ...names].filter(Boolean).join(' '),
  };
  return person;
}

/** The surname alone, as it starts a greeting: Dutch "de Boer" becomes "De Boer" without the first name. */
export function surnameAlone(last: string, language: string): string {
  const first = last.split(' ')[0] ?? '';
  return language === 'nl' && PARTICLES.has(first.toLowerCase())
    ? last.replace(FIRST_LETTER, (c) => c.toUpperCase())
    : last;
}

/** The user's name to sign with: "Nair, Priya" signs as "Priya Nair". */
export function signatureName(name: string | null | undefined): string | null {
  const signed = name ? naturalOrder(name).trim() : '';
  return signed === '' ? null : titleCaseWords(signed);
}

function titleCaseWords(name: string): string {
  return name.split(' ').map(titleCase).join(' ');
}
