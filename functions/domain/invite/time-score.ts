/**
 * How likely a date found in the invite is the interview itself rather than another date in the same mail
 * ("applied on", "confirm by", a forwarded "Sent:" line, a signature). Higher is better; below
 * MIN_SCORE a date is not taken at all.
 */

export const MIN_SCORE = 2;

const INTERVIEW_WORDS =
  /\b(?:when|wann|quand|cuándo)\s?:|interview|\bcall\b|meeting|\bchat\b|conversation|video|zoom|teams|google meet|phone screen|screening|on-?site|assessment|schedul|invit|\bslot\b|vorstellungsgespr|gespräch|kennenlern|telefonat|termin|treffen|einlad|entretien|entrevue|rendez-vous|\bappel\b|réunion|visio|rencontre|convoc|entrevista|reuni[oó]n|llamada|\bcita\b|videollamada|colloquio|incontr|gesprek|afspraak|uitnodig|ingepland|reunião|chamada|convid/gi;

/** Dates of events that are not an interview with the candidate: webinars, fairs, newsletters' sessions. */
const EVENT_WORDS =
  /webinar|livestream|live q&a|\bq&a\b|register|registration|conference|seminar|workshop|meetup|open day|job fair|career fair|info session|veranstaltung|messe|anmeld|séminaire|salon|inscri|feria|seminario|evento/i;

/** Words before a date that make it something else: when the candidate applied, when the mail was sent. */
const OTHER_EVENT =
  /\b(?:appl(?:ied|ication)|submitted|posted|published|beworben|bewerbung|eingegangen|eingereicht|veröffentlicht|postul|candidature|publié|solicitud|recibid|publicad|candidatura|sollicitatie|inviato)/gi;

/** A deadline: the date right after "by", "bis zum", "avant le", "antes del". */
const DEADLINE_TAIL =
  /(?:\bby|\bbefore|\buntil|\btill|\bthan|\bbis(?:\s+zum|\s+spätestens)?|\bspätestens(?:\s+am|\s+bis)?|\bavant(?:\s+le)?|d['’]ici(?:\s+le|\s+au)?|\btard(?:\s+le)?|\bantes\s+del?|\btardar(?:\s+el)?|\bhasta(?:\s+el)?|\buiterlijk(?:\s+op)?|\bentro(?:\s+il)?|\baté(?:\s+[àao])?)[\s,]*(?:the\s+|le\s+|el\s+|den\s+)?$/i;

/** An old or replaced time in a rescheduling mail. */
const REPLACED =
  /\b(?:originally|previously|instead of|no longer|ursprünglich|statt|initialement|au lieu|originalmente|en lugar)/gi;
/** The new time in a rescheduling mail. */
const NEW_TIME =
  /\b(?:moved to|rescheduled to|changed to|new time|now be|verschoben auf|verlegt auf|neuer termin|reporté au|déplacé au|nouvelle date|nouvel horaire|cambiad[ao] al?|movid[ao] al?|nueva fecha|nueva hora)/gi;

/** Header lines of a forwarded or quoted message, in the languages mail clients write them. */
const HEADER_LINE =
  /^[\s>]*(?:\*{0,2})(?:sent|date|datum|gesendet|envoyé|date d['’]envoi|enviado(?: el)?|enviada|fecha|data|verzonden|inviato|skickat|received)(?:\*{0,2})\s*:/i;
/** The other lines of a header block: a "Date:" line among them is the forward's, not the interview's. */
const HEADER_NEIGHBOUR =
  /^[\s>]*\*{0,2}(?:from|to|cc|subject|von|an|betreff|de|à|a|objet|para|asunto|van|aan|onderwerp)\*{0,2}\s*:/im;
const QUOTE_INTRO = /\b(?:wrote|schrieb|a écrit|escribió)\s*:?\s*$/i;

export interface ScoreInput {
  /** The text the date was found in, and where. */
  text: string;
  index: number;
  end: number;
  hasTime: boolean;
  hasEnd: boolean;
  /** A day of the month was written (not only a weekday or a relative word). */
  hasDayOfMonth: boolean;
  /** The instant lies well before the original message was sent. */
  inPast: boolean;
}

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const newline = text.indexOf('\n', index);
  const end = newline === -1 ? text.length : newline;
  return text.slice(start, Math.min(end, start + 400));
}

function previousLine(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index - 1);
  if (lineStart <= 0) return '';
  return text.slice(Math.max(text.lastIndexOf('\n', lineStart - 1) + 1, lineStart - 200), lineStart);
}

/** Up to two lines on each side of the date's line, without the line itself. */
function neighbourLines(text: string, index: number): string {
  let start = text.lastIndexOf('\n', index - 1);
  for (let i = 0; i < 2 && start > 0; i++) start = text.lastIndexOf('\n', start - 1);
  let end = text.indexOf('\n', index);
  for (let i = 0; i < 2 && end !== -1; i++) end = text.indexOf('\n', end + 1);
  const from = Math.max(0, start + 1, index - 600);
  const to = Math.min(end === -1 ? text.length : end, index + 600);
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const lineEnd = text.indexOf('\n', index);
  return `${text.slice(from, lineStart)}\n${lineEnd === -1 ? '' : text.slice(lineEnd + 1, to)}`;
}

function isHeaderLine(text: string, index: number): boolean {
  const line = lineAround(text, index);
  if (QUOTE_INTRO.test(line)) return true;
  return HEADER_LINE.test(line) && HEADER_NEIGHBOUR.test(neighbourLines(text, index));
}

/** The part of the current sentence before the date (sentences end at ". ", "! ", "? " or a blank line). */
function sentenceBefore(text: string, index: number): string {
  const window = text.slice(Math.max(0, index - 150), index);
  let cut = 0;
  for (let i = window.length - 2; i >= 0; i--) {
    const char = window[i];
    const next = window[i + 1];
    if ((char === '.' || char === '!' || char === '?') && (next === ' ' || next === '\n' || next === '\r')) {
      // "a.m." and "8." (a German day) do not end a sentence.
      const previous = window[i - 1] ?? '';
      if (/\d/.test(previous) || /^\s?[ap]\.m$/i.test(window.slice(i - 4, i))) continue;
      cut = i + 1;
      break;
    }
    if (
      char === '\n' &&
      window
        .slice(i + 1)
        .trimStart()
        .startsWith('\n')
    ) {
      cut = i + 1;
      break;
    }
  }
  return window.slice(cut);
}

function sentenceAfter(text: string, end: number): string {
  const window = text.slice(end, end + 80);
  const stop = window.search(/[.!?](?:\s|$)|\n\s*\n/);
  return stop === -1 ? window : window.slice(0, stop);
}

/** Distance from the end of `text` back to the end of the last match of a global regex, or Infinity. */
function distanceFromEnd(text: string, pattern: RegExp): number {
  let last = -1;
  for (const match of text.matchAll(pattern)) last = match.index + match[0].length;
  return last === -1 ? Number.POSITIVE_INFINITY : text.length - last;
}

/** Distance from the start of `text` to the first match, or Infinity. */
function distanceFromStart(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  const match = pattern.exec(text);
  pattern.lastIndex = 0;
  return match ? match.index : Number.POSITIVE_INFINITY;
}

export function scoreCandidate(input: ScoreInput): number {
  if (isHeaderLine(input.text, input.index)) return -10;
  const before = sentenceBefore(input.text, input.index);
  const after = sentenceAfter(input.text, input.end);
  // The nearest cue decides: "Thanks for your application; we'd like to interview you on …" is an interview.
  const interview = Math.min(
    distanceFromEnd(before, INTERVIEW_WORDS),
    distanceFromStart(after, INTERVIEW_WORDS),
  );
  const other = distanceFromEnd(before, OTHER_EVENT);
  let score = 0;
  if (interview < Number.POSITIVE_INFINITY) score += 3;
  else if (
    distanceFromEnd(input.text.slice(Math.max(0, input.index - 200), input.index), INTERVIEW_WORDS) < 200
  ) {
    score += 1;
  }
  if (other < interview) score -= 5;
  if (DEADLINE_TAIL.test(before.slice(-40))) score -= 4;
  const replaced = distanceFromEnd(before, REPLACED);
  const renewed = distanceFromEnd(before, NEW_TIME);
  if (replaced < renewed) score -= 3;
  else if (renewed < replaced) score += 2;
  if (
    EVENT_WORDS.test(before) ||
    EVENT_WORDS.test(after) ||
    EVENT_WORDS.test(previousLine(input.text, input.index))
  ) {
    score -= 5;
  }
  if (input.inPast) score -= 4;
  if (input.hasTime) score += 2;
  if (input.hasEnd) score += 1;
  if (input.hasDayOfMonth) score += 1;
  return score;
}
