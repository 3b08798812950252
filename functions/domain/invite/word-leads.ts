/**
 * A cheap first look before big case-insensitive alternations of words. Each alternative's match must
 * begin with some literal letters ("entretien final" with "entretien f…", "on-?site" with "on-" or
 * "ons"); one pass over a text finds which patterns have one of their beginnings at a word start. A
 * pattern with none cannot match, so its scan is skipped; when one is found, the pattern itself decides.
 * The beginnings are read from the pattern's own source, so the look can never disagree with it.
 */

/** What a pattern's source holds, as far as its beginnings go: letters, groups, and what ends the read. */
type Piece = { chars: string[] } | { alternatives: Atom[][] } | 'stop';
interface Atom {
  piece: Piece;
  optional: boolean;
}

/** How long a beginning is read: long enough to tell words apart, short enough to stay few. */
const LEAD_CHARS = 8;
/** Escaped characters that stand for themselves ("v\\." is "v."). */
const LITERAL_ESCAPES = new Set(['.', '-', '/', "'", ' ', '(', ')', '[', ']', '?', '*', '+', '|', '\\']);

/**
 * The alternatives of `source` from `at` to the closing parenthesis of the group (or the end), as atoms.
 * Only what word alternations use is read exactly: letters, escapes, `(?:…)` groups, simple classes and
 * the `?` quantifier. Anything else (a look-around, `\\w`, a class with ranges, `*`, `{n}`) ends the
 * beginning there, which only makes it shorter and so lets more texts through, never fewer.
 */
function parseAlternatives(source: string, at: number): { alternatives: Atom[][]; end: number } {
  const alternatives: Atom[][] = [];
  let sequence: Atom[] = [];
  let i = at;
  while (i < source.length && source[i] !== ')') {
    const char = source[i] as string;
    if (char === '|') {
      alternatives.push(sequence);
      sequence = [];
      i++;
      continue;
    }
    let piece: Piece = 'stop';
    if (char === '(') {
      const opening =
        source.startsWith('(?<=', i) || source.startsWith('(?<!', i) ? 4 : source[i + 1] === '?' ? 3 : 1;
      const inner = parseAlternatives(source, i + opening);
      if (opening === 1 || source.startsWith('(?:', i)) piece = { alternatives: inner.alternatives };
      i = inner.end + 1;
    } else if (char === '[') {
      let close = i + 1;
      while (close < source.length && source[close] !== ']') close += source[close] === '\\' ? 2 : 1;
      const chars = [...source.slice(i + 1, close)];
      const simple =
        chars.length > 0 && chars[0] !== '^' && !chars.includes('\\') && !chars.slice(1, -1).includes('-');
      if (simple) piece = { chars };
      i = close + 1;
    } else if (char === '\\') {
      const escaped = source[i + 1] ?? '';
      if (LITERAL_ESCAPES.has(escaped)) piece = { chars: [escaped] };
      i += 2;
      if ((escaped === 'p' || escaped === 'P') && source[i] === '{') i = source.indexOf('}', i) + 1;
    } else if (char === '.' || char === '^' || char === '$') {
      i++;
    } else {
      const codePoint = String.fromCodePoint(source.codePointAt(i) as number);
      piece = { chars: [codePoint] };
      i += codePoint.length;
    }
    const quantifier = source[i];
    if (quantifier === '?') {
      sequence.push({ piece, optional: true });
      i++;
    } else if (quantifier === '*' || quantifier === '{') {
      // Zero or more: the beginning ends before it.
      sequence.push({ piece: 'stop', optional: false });
      i = quantifier === '{' ? source.indexOf('}', i) + 1 : i + 1;
    } else if (quantifier === '+') {
      sequence.push({ piece, optional: false }, { piece: 'stop', optional: false });
      i++;
    } else sequence.push({ piece, optional: false });
    // A lazy quantifier's second mark changes nothing here.
    if (source[i] === '?' && (quantifier === '?' || quantifier === '*' || quantifier === '+')) i++;
  }
  alternatives.push(sequence);
  return { alternatives, end: i };
}

/** Every beginning a sequence of atoms can match, lower-cased, at most LEAD_CHARS long. */
function expand(sequence: readonly Atom[], prefix: string, into: Set<string>): void {
  const [first, ...rest] = sequence;
  if (!first || prefix.length >= LEAD_CHARS) {
    into.add(prefix.slice(0, LEAD_CHARS));
    return;
  }
  if (first.optional) expand(rest, prefix, into);
  const piece = first.piece;
  if (piece === 'stop') into.add(prefix);
  else if ('chars' in piece) for (const char of piece.chars) expand(rest, prefix + char.toLowerCase(), into);
  else for (const alternative of piece.alternatives) expand([...alternative, ...rest], prefix, into);
}

/** The beginnings every match of the alternation `source` starts with, lower-cased. */
export function leadsOf(source: string): string[] {
  const into = new Set<string>();
  for (const alternative of parseAlternatives(source, 0).alternatives) expand(alternative, '', into);
  // A beginning that starts with another adds nothing ("onsite i" after "onsite").
  const leads = [...into];
  return leads.filter((lead) => !leads.some((other) => other !== lead && lead.startsWith(other)));
}

/**
 * A lower-case Latin letter, accented ones included (Latin-1 and Latin Extended-A, for Polish): a letter for
 * sure (\\p{L}), so a character after one starts no word; and all the frequent-word counter needs.
 */
export function isLowerLatinLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0xdf && code <= 0x17f && code !== 0xf7);
}

/** Two characters as one small integer, the key of the beginnings that start with them. */
function pairKey(first: number, second: number): number {
  return ((first & 0x7fff) << 16) | second;
}

/**
 * Which of several case-insensitive word alternations (`(?<![\\p{L}])(?:…)`) could match a text: bit `i`
 * of `possible(text)` is set when a beginning of pattern `i` stands at a word start of the text.
 */
export interface WordLeads {
  possible(text: string): number;
}

export function wordLeads(sources: readonly string[]): WordLeads {
  let always = 0;
  // By a lower-cased first character: the patterns with a one-character beginning there (byFirst), and
  // whether any beginning starts with it at all (firstChars).
  const byFirst = new Int32Array(0x10000);
  const byPair = new Map<number, { lead: string; mask: number }[]>();
  const firstChars = new Uint8Array(0x10000);
  sources.forEach((source, index) => {
    const mask = 1 << index;
    for (const lead of leadsOf(source)) {
      if (lead === '') always |= mask;
      else if (lead.length === 1)
        byFirst[lead.charCodeAt(0)] = (byFirst[lead.charCodeAt(0)] as number) | mask;
      else {
        const key = pairKey(lead.charCodeAt(0), lead.charCodeAt(1));
        const same = byPair.get(key);
        if (same) same.push({ lead, mask });
        else byPair.set(key, [{ lead, mask }]);
      }
      if (lead !== '') firstChars[lead.charCodeAt(0)] = 1;
    }
  });
  const all = sources.length >= 31 ? -1 : (1 << sources.length) - 1;
  return {
    possible(text) {
      let lower = text.toLowerCase();
      // The long s is an "s" to a case-insensitive pattern, but lower-casing keeps it.
      if (lower.includes('ſ')) lower = lower.replaceAll('ſ', 's');
      let found = always;
      let afterLetter = false;
      for (let at = 0; at < lower.length; at++) {
        const first = lower.charCodeAt(at);
        const wordStart = !afterLetter;
        afterLetter = isLowerLatinLetter(first);
        if (!wordStart || firstChars[first] === 0) continue;
        found |= byFirst[first] as number;
        const leads =
          at + 1 < lower.length ? byPair.get(pairKey(first, lower.charCodeAt(at + 1))) : undefined;
        if (leads) for (const { lead, mask } of leads) if (lower.startsWith(lead, at)) found |= mask;
        if (found === all) break;
      }
      return found;
    },
  };
}
