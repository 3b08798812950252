/**
 * Facts from evidence: each reader gathers candidates for a fact from every place that may state it,
 * scores them, and keeps the losers with the winner, so `bowout extract --explain` can say where a fact
 * came from and why it won. A fact is certain only when it was stated plainly and nothing close disagreed.
 */

/** One reading of a fact: where it was read, what the evidence said, how much it is trusted. */
export interface Candidate {
  value: string;
  /** Where it was read: "reply-to", "calendar.organizer", "subject", "signature", "domain", … */
  source: string;
  /** The words it was read from, shortened, for the explanation. */
  evidence: string;
  score: number;
  /** Why the score went up or down ("a team mailbox", "the domain spells it"). */
  notes: string[];
}

/** A fact as decided: its value, whether it is sure, and every candidate considered, best first. */
export interface FactReading {
  value: string | null;
  certain: boolean;
  source: string | null;
  candidates: Candidate[];
  /** Why the winner won, or why there is none, in a sentence. */
  why: string;
}

/** The facts about who: contact address and name, company, role. */
export interface WhoSources {
  email: FactReading;
  name: FactReading;
  company: FactReading;
  role: FactReading;
}

// Whitespace that `excerpt` would change: any but a single space, spaces side by side or at either end.
const NOT_ONE_LINE = /[^\S ]| {2}|^ | $/;

/** Evidence is quoted in explanations on one short line. */
export function excerpt(text: string, max = 80): string {
  // Most evidence is already one short line: nothing to squeeze, nothing to cut.
  if (text.length <= max && !NOT_ONE_LINE.test(text)) return text;
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Whether a text starts with one of `characters` (each one UTF-16 unit). */
export function startsWithOneOf(text: string, characters: string): boolean {
  return text.length > 0 && characters.includes(text[0] as string);
}

/** Whether a text ends with one of `characters` (each one UTF-16 unit). */
export function endsWithOneOf(text: string, characters: string): boolean {
  return text.length > 0 && characters.includes(text[text.length - 1] as string);
}

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/**
 * Every character of Han and Kana, and of Japanese and Chinese punctuation, is at U+2E80 or above: a text
 * without one holds none (a plain class, which V8 answers at once for a text of Latin-1 characters).
 */
export const WIDE_CHARACTER = /[\u2e80-\uffff]/;
const CJK_LEGAL_WORDS = /株式会社|有限会社|合同会社|股份有限公司|有限公司/gu;

/** Whether one name is the other or starts it ("Fernbrook Mutual", "Fernbrook Mutual Insurance Company"). */
export function sameName(a: string, b: string): boolean {
  return sameNameKey(nameKey(a), nameKey(b));
}

/** A name as compared: squashed, without a Japanese or Chinese legal form. */
export function nameKey(name: string): string {
  return squash(name.replace(CJK_LEGAL_WORDS, ''));
}

/** Whether a name's key is written in Han or Kana, without spaces between words. */
export function isUnspaced(key: string): boolean {
  return WIDE_CHARACTER.test(key) && UNSPACED.test(key);
}

/**
 * sameName on keys made once (comparing every pair of candidates); `unspaced` says whether either key is
 * Han or Kana, for callers that know it of each key already.
 */
export function sameNameKey(x: string, y: string, unspaced = isUnspaced(x) || isUnspaced(y)): boolean {
  // Han and Kana names put the city or the legal form on either side ("上海浦江星链…", "なにわ精機").
  if (unspaced) return x.length >= 2 && y.length >= 2 && (x.includes(y) || y.includes(x));
  return x.length >= 3 && y.length >= 3 && (x.startsWith(y) || y.startsWith(x));
}

// Which mail is being read: a memory made while reading an earlier one is dropped when next used.
let mailCount = 0;

/**
 * A pure function of a short string, remembered while one mail is read: the readers compare the same few
 * names many times over. The memory is bounded (emptied when full), and forgotten before the next mail.
 */
export function remembered<T>(fn: (text: string) => T, limit = 4_000): (text: string) => T {
  let known = new Map<string, T>();
  let readingMail = mailCount;
  return (text) => {
    if (text.length > 200) return fn(text);
    // A fresh small map costs less than emptying a grown one, and a memory unused in a mail costs nothing.
    if (readingMail !== mailCount) {
      readingMail = mailCount;
      if (known.size > 0) known = new Map();
    }
    const hit = known.get(text);
    if (hit !== undefined) return hit;
    if (known.size >= limit) known.clear();
    const value = fn(text);
    known.set(text, value);
    return value;
  };
}

/** Forgets what was remembered for the last mail (called before reading the next one). */
export function forgetRemembered(): void {
  mailCount++;
}

const MARKS = /\p{M}/gu;
/** Lower-case letters and digits only, accents dropped: for comparing spellings ("Açormar" = "acormar"). */
export const squash = remembered((text: string): string => {
  // Plain ASCII needs no decomposition (most names, most of the time).
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return text
    .normalize('NFD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
});

/** Latin letters a–z only, accents dropped, as an address's local part spells a name ("Ángel Núñez" = "angelnunez"). */
export function fold(text: string): string {
  return squash(text).replace(/[^a-z]/g, '');
}

/**
 * Candidates with the same value (compared squashed) merged into one: the best score, raised a little
 * for each other place that says the same, the sources listed together.
 */
export function merge<C extends Candidate>(candidates: C[], agreementBonus = 8): C[] {
  const byValue = new Map<string, C[]>();
  for (const candidate of candidates) {
    const key = squash(candidate.value);
    if (!key) continue;
    const group = byValue.get(key);
    if (group) group.push(candidate);
    else byValue.set(key, [candidate]);
  }
  const merged: C[] = [];
  for (const group of byValue.values()) {
    // The groups are this function's own arrays: sorted in place (stably, as the best is the first best).
    if (group.length > 1) sortByScore(group);
    const best = group[0];
    if (!best) continue;
    // The other places that say it, each named once, in the order of their scores.
    const others: string[] = [];
    for (let i = 1; i < group.length; i++) {
      const source = group[i]?.source;
      if (source !== undefined && source !== best.source && !others.includes(source)) others.push(source);
    }
    const notes = best.notes.slice();
    if (others.length) notes.push(`also in ${others.join(', ')}`);
    merged.push({ ...best, score: best.score + agreementBonus * others.length, notes });
  }
  return sortByScore(merged);
}

/**
 * Candidates sorted in place, best first, equal scores in the order they came: what a stable sort by
 * descending score gives, by insertion (the lists are short, and most come sorted or nearly).
 */
export function sortByScore<C extends Candidate>(candidates: C[]): C[] {
  for (let i = 1; i < candidates.length; i++) {
    const candidate = candidates[i] as C;
    let j = i - 1;
    for (; j >= 0 && (candidates[j] as C).score < candidate.score; j--)
      candidates[j + 1] = candidates[j] as C;
    candidates[j + 1] = candidate;
  }
  return candidates;
}

/**
 * The decision: the best candidate above `floor` wins; it is certain when its score reaches `sure` and
 * no candidate of another value comes within `margin` of it.
 */
export function decide(
  candidates: Candidate[],
  thresholds: { floor: number; sure: number; margin: number },
  /** Whether two values say the same thing (a rival must say something else). */
  same: (a: string, b: string) => boolean = (a, b) => squash(a) === squash(b),
): FactReading {
  // Most candidates come merged, best first already: sorting the copy only reads it.
  const sorted = sortByScore(candidates.slice());
  const best = sorted[0];
  if (!best || best.score < thresholds.floor) {
    return {
      value: null,
      certain: false,
      source: null,
      candidates: sorted,
      why: best ? `no candidate scored ${thresholds.floor} or more` : 'nothing in the mail states it',
    };
  }
  const rival = sorted.find((c) => !same(c.value, best.value) && c.score > thresholds.floor / 2);
  const close = rival !== undefined && best.score - rival.score < thresholds.margin;
  const certain = best.score >= thresholds.sure && !close;
  const reasons = [`${best.source} (${best.score})`];
  if (rival) reasons.push(`ahead of ${rival.source} "${excerpt(rival.value, 40)}" (${rival.score})`);
  if (!certain) reasons.push(close ? 'too close to call: check it' : 'not stated plainly: check it');
  return { value: best.value, certain, source: best.source, candidates: sorted, why: reasons.join(', ') };
}
