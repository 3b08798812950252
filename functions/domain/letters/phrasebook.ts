import type { InterviewStage, InviteStyle, LetterLanguage } from '../model.js';
import type { InterviewWhen } from './dates.js';
import type { PersonName } from './names.js';

/**
 * What one language needs to write Bowout's letters: its words for the stages, its greetings and
 * closings, and several natural phrasings of each part of a cancellation. Every phrasing is a whole,
 * grammatical sentence for every stage, register and set of known facts; letters/cancellation.ts picks one
 * per part and case.
 */

/** A stage of the process, with the forms a language's sentences need. */
export interface StageWords {
  /** With its definite article: "the interview", "das Vorstellungsgespräch", "l'entretien". */
  the: string;
  /** After "to"/"zu"/"à"/"a"/"a"/"voor"/"para": "zum Vorstellungsgespräch", "al colloquio", "à entrevista". */
  to: string;
  /** Feminine in languages that agree a participle with it ("prévue", "prevista"). */
  feminine: boolean;
}

/** Everything known when a letter is written, in the forms a sentence uses. */
export interface LetterFacts {
  formal: boolean;
  /** Pick the formal or the informal form of a phrase. */
  you: <T>(formal: T, informal: T) => T;
  /** The position as a noun phrase ("the Data Engineer position at Northwind"), never empty. */
  position: string;
  company: string | null;
  role: string | null;
  stage: StageWords;
  stageKind: InterviewStage;
  laterRound: boolean;
  /** The interview's date and time, when known, and how close it is. */
  when: InterviewWhen | null;
}

export type Phrase = (facts: LetterFacts) => string;

export interface Phrasebook {
  language: LetterLanguage;
  position(role: string | null, company: string | null): string;
  /** The stages, and `next`: the interview of a later round ("the next interview"). */
  stages: Record<InterviewStage | 'next', StageWords>;
  /** The opening line, punctuation included: "Dear Priya,", "Sehr geehrte Frau Weber,", "Estimada Sra. García:". */
  greeting(person: PersonName | null, style: GreetingStyle, company: string | null): string;
  /** Whether the paragraph after the greeting starts in lower case (German after "…,"). */
  lowerAfterGreeting: boolean;
  thanks: Phrase[];
  laterThanks: Phrase[];
  withdraw: Phrase[];
  apology: Phrase[];
  /** Apology for short notice, naming the time already said ("later today at 15:00"). */
  apologyShortNotice: Phrase[];
  /** Fits a fragment the user gave as a reason into a sentence. */
  reasonFragment: (fragment: string, facts: LetterFacts) => string;
  /** Fits a fragment the user gave as an offer into a sentence. */
  offerFragment: ((fragment: string, facts: LetterFacts) => string)[];
  door: Phrase[];
  closings: { formal: string[]; informal: string[] };
  /** Words a whole sentence from the user starts with ("I", "Ich", "Je", "Me", "Mi", "Ik", "Eu"...). */
  sentenceStart: RegExp;
  /** A subject when the invite's own is unknown. */
  subject: string;
  /** The short "stay in touch" note, months later: only what happened, nothing invented. */
  keepInTouch: {
    subject: string;
    body: (facts: LetterFacts) => string[];
    closing: (facts: LetterFacts) => string;
  };
}

export interface GreetingStyle {
  formal: boolean;
  /** The employer greeted by first name (or the register is informal): greet them the same way. */
  firstNames: boolean;
  salutation: InviteStyle['contact']['salutation'];
  title: string | null;
}

/** Whether the interview is today or tomorrow: an apology for the short notice is due. */
export function isSoon(when: InterviewWhen | null): boolean {
  return when?.closeness === 'today' || when?.closeness === 'tomorrow';
}

/** The position, as a language names it from what is known of the role and the company. */
export function positionPhrase(forms: {
  both: (role: string, company: string) => string;
  role: (role: string) => string;
  company: (company: string) => string;
  neither: string;
}): Phrasebook['position'] {
  return (role, company) =>
    role && company
      ? forms.both(role, company)
      : role
        ? forms.role(role)
        : company
          ? forms.company(company)
          : forms.neither;
}

/** The interview's time as a phrase, by how close it is; nothing when it is unknown or has passed. */
export function timePhrase(
  when: InterviewWhen | null,
  forms: Record<'today' | 'tomorrow' | 'later', (when: InterviewWhen) => string>,
): string {
  return !when || when.closeness === 'past' ? '' : forms[when.closeness](when);
}
