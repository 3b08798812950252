import { headerSafe } from '../mail/sanitize.js';
import type { Draft, DraftInputs, InviteFacts, InviteStyle, LetterLanguage } from '../model.js';
import { closeness, interviewWhen, isAmericanZone } from './dates.js';
import { isLetterLanguage } from './language.js';
import { readPersonName, signatureName } from './names.js';
import { type GreetingStyle, isSoon, type LetterFacts, type Phrase, type Phrasebook } from './phrasebook.js';
import { de } from './phrasebooks/de.js';
import { en } from './phrasebooks/en.js';
import { es } from './phrasebooks/es.js';
import { fr } from './phrasebooks/fr.js';
import { it } from './phrasebooks/it.js';
import { nl } from './phrasebooks/nl.js';
import { pt } from './phrasebooks/pt.js';

const PHRASEBOOKS: Record<LetterLanguage, Phrasebook> = { en, de, fr, es, it, nl, pt };

/** What the letter is written from besides the invite: the user's own inputs, the case, the time. */
export interface LetterContext {
  /** Chooses the phrasings, so one case always reads the same and two cases rarely do. */
  caseId: string;
  /** When the letter is written: decides "today" and "tomorrow". */
  now: Date;
}

/** The style of an invite stored before styles were read: formal, an interview, nothing else known. */
const UNKNOWN_STYLE: InviteStyle = {
  language: null,
  register: 'formal',
  firstNames: null,
  stage: 'interview',
  laterRound: false,
  contact: { salutation: null, title: null },
};

// A line of the user's note that marks a reason for the employer, in each letter language.
const REASON_MARK =
  /^[ \t>]*(?:reason|grund|raison|motif|motivo|reden|razão|razao)[ \t]*[:：][ \t]*(\S.{0,299})$/im;

/**
 * The reason the user marked in their note above a forward ("Reason: I have accepted another offer"), or
 * null. Nothing else of the note ever reaches the employer: a note is private unless the user marks it.
 */
export function markedReason(note: string): string | null {
  return note.slice(0, 5_000).match(REASON_MARK)?.[1]?.trim() || null;
}

/** A stable number for a case and a part of its letter (FNV-1a), to pick that part's phrasing. */
function pick<T>(options: readonly T[], caseId: string, part: string): T {
  let hash = 0x811c9dc5;
  const text = `${caseId}:${part}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return options[(hash >>> 0) % options.length] as T;
}

// Words that begin a fragment and go lower case inside a sentence ("A part-time role" → "a part-time role").
const LEADING_ARTICLE =
  /^(?:A|An|The|Ein|Eine|Einen|Un|Une|Una|Uno|Unos|Unas|El|La|Las|Los|Le|Les|Il|Lo|Gli|De|Het|Een|Um|Uma|Uns|Umas|O|Os|As)(?=\s)/;

// Unicode-property patterns at module scope: bundled, a literal inside a function is compiled on every call.
const STARTS_UPPER = /^\p{Lu}/u;
const STARTS_LOWER = /^\p{Ll}/u;

/** The user's words as a whole sentence ("I have accepted another offer.") or as a fragment to fit in. */
export function userWords(text: string, book: Phrasebook): { sentence: string } | { fragment: string } {
  const words = text.trim().replace(/\s+/g, ' ');
  const whole =
    book.sentenceStart.test(words) ||
    (STARTS_UPPER.test(words) && /[.!?]$/.test(words) && words.split(' ').length >= 4);
  if (whole) {
    const capital = words.replace(STARTS_LOWER, (c) => c.toUpperCase()).replace(/^i(?=[\s'’])/, 'I');
    return { sentence: /[.!?…]$/.test(capital) ? capital : `${capital}.` };
  }
  return {
    fragment: words.replace(/[.!?…]+$/, '').replace(LEADING_ARTICLE, (article) => article.toLowerCase()),
  };
}

/** "Re: <original subject>", or the language's own plain subject when the original one is unknown. */
export function replySubject(facts: InviteFacts, language: LetterLanguage = 'en'): string {
  const original = facts.originalSubject ? headerSafe(facts.originalSubject, 180) : null;
  if (original) return /^(?:re|aw|antw|sv|rif|r):/i.test(original) ? original : `Re: ${original}`;
  const role = language === 'en' && facts.role ? ` for the ${headerSafe(facts.role, 80)} role` : '';
  return `${PHRASEBOOKS[language].subject}${role}`;
}

/** The letter's language for a case: the one stored with it, else English. */
export function letterLanguage(inputs: Pick<DraftInputs, 'language'>): LetterLanguage {
  return isLetterLanguage(inputs.language) ? inputs.language : 'en';
}

/** Everything a phrase may use, in the forms of the letter's language. */
function letterFacts(facts: InviteFacts, book: Phrasebook, now: Date): LetterFacts {
  const style = facts.style ?? UNKNOWN_STYLE;
  const formal = style.register === 'formal' || book.language === 'en';
  const role = facts.role?.trim() || null;
  const company = facts.employer.company?.trim() || null;
  const { start, timezone } = facts.interview;
  const stageKind = style.stage;
  return {
    formal,
    you: (formalForm, informalForm) => (style.register === 'informal' ? informalForm : formalForm),
    position: book.position(role, company),
    company,
    role,
    stage: book.stages[style.laterRound && stageKind === 'interview' ? 'next' : stageKind],
    stageKind,
    laterRound: style.laterRound,
    when: start && timezone ? interviewWhen(start, timezone, book.language, now) : null,
  };
}

function greeting(facts: InviteFacts, book: Phrasebook): string {
  const style = facts.style ?? UNKNOWN_STYLE;
  const person = readPersonName(facts.employer.name);
  if (person && !person.title && style.contact.title) person.title = style.contact.title;
  const greetingStyle: GreetingStyle = {
    formal: style.register === 'formal',
    // English writes to recruiters by first name unless they wrote with title and surname.
    firstNames: style.firstNames ?? book.language === 'en',
    salutation: person?.salutation ?? style.contact.salutation,
    title: person?.title ?? null,
  };
  return book.greeting(person, greetingStyle, facts.employer.company?.trim() || null);
}

/** The few spellings and idioms in which American English differs from the British default. */
function americanSpelling(text: string): string {
  return text.replace(/apologis/g, 'apologiz').replace('at such short notice', 'on such short notice');
}

/**
 * The cancellation, written as a courteous, fluent writer of the invite's language would: thanks (for
 * the conversations so far, in a later round), a clear withdrawal naming the stage and its time, a reason
 * only when the user gave one, an apology (for the short notice when it is today or tomorrow), an offer
 * only when the user asked, and a close that leaves the door open. Each part has several phrasings; the
 * case id picks them.
 */
export function writeCancellation(
  facts: InviteFacts,
  inputs: Pick<DraftInputs, 'signature' | 'reason' | 'offer' | 'language'>,
  context: LetterContext,
): Draft {
  const language = letterLanguage(inputs);
  const book = PHRASEBOOKS[language];
  const f = letterFacts(facts, book, context.now);
  const choose = (options: readonly Phrase[], part: string) => pick(options, context.caseId, part)(f);
  const opening = choose(f.laterRound ? book.laterThanks : book.thanks, 'thanks');
  const reason = inputs.reason ? userWords(inputs.reason, book) : null;
  const offer = inputs.offer ? userWords(inputs.offer, book) : null;

  const paragraphs = [
    greeting(facts, book),
    book.lowerAfterGreeting ? opening.replace(STARTS_UPPER, (c) => c.toLowerCase()) : opening,
    [
      choose(book.withdraw, 'withdraw'),
      reason ? ('sentence' in reason ? reason.sentence : book.reasonFragment(reason.fragment, f)) : null,
      choose(isSoon(f.when) ? book.apologyShortNotice : book.apology, 'apology'),
    ]
      .filter(Boolean)
      .join(' '),
  ];
  if (offer) {
    paragraphs.push(
      'sentence' in offer
        ? offer.sentence
        : pick(book.offerFragment, context.caseId, 'offer')(offer.fragment, f),
    );
  }
  // A letter that greets by title and surname ("Sehr geehrte Frau Dr. Weber") closes as formally.
  const byTitle = (facts.style ?? UNKNOWN_STYLE).register === 'formal' && facts.style?.firstNames === false;
  const closing = byTitle
    ? book.closings.formal[0]
    : pick(f.you(book.closings.formal, book.closings.informal), context.caseId, 'closing');
  paragraphs.push(
    choose(book.door, 'door'),
    [closing, signatureName(inputs.signature)].filter(Boolean).join('\n'),
  );
  const body = paragraphs.join('\n\n');
  const american = language === 'en' && isAmericanZone(facts.interview.timezone);
  const draft: Draft = {
    subject: replySubject(facts, language),
    body: american ? americanSpelling(body) : body,
  };
  const closeness = f.when?.closeness;
  return closeness === 'today' || closeness === 'tomorrow' ? { ...draft, relativeDay: closeness } : draft;
}

/**
 * Whether a letter that says "today" or "tomorrow" no longer says the right day at `now` (it was written
 * on an earlier day). An edited letter is the user's own words and is never rewritten.
 */
export function saysWrongDay(
  caseRecord: { facts: InviteFacts; draft: Draft; inputs: DraftInputs },
  now: Date,
): boolean {
  const { start, timezone } = caseRecord.facts.interview;
  if (!caseRecord.draft.relativeDay || caseRecord.inputs.edited || !start) return false;
  return closeness(start, timezone, now) !== caseRecord.draft.relativeDay;
}

/**
 * The short "stay in touch" note, months after withdrawing, in the letter's language: it says only what
 * happened (the user withdrew; the employer had invited them) and leaves the door open.
 */
export function writeKeepInTouchNote(
  facts: InviteFacts,
  inputs: Pick<DraftInputs, 'signature' | 'language'>,
  context: LetterContext,
): Draft {
  const book = PHRASEBOOKS[letterLanguage(inputs)];
  const f = letterFacts(facts, book, context.now);
  const [first = '', ...rest] = book.keepInTouch.body(f);
  const body = [
    greeting(facts, book),
    book.lowerAfterGreeting ? first.replace(STARTS_UPPER, (c) => c.toLowerCase()) : first,
    ...rest,
    [book.keepInTouch.closing(f), signatureName(inputs.signature)].filter(Boolean).join('\n'),
  ].join('\n\n');
  return { subject: book.keepInTouch.subject, body };
}
