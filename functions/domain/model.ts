/**
 * What Bowout knows about one forwarded invite and the cancellation it drafts for it, and about the mail
 * it receives. Plain data: stored as is, passed between domain steps, never holding behaviour.
 */

/** SES's verdicts for one received message, as the receipt event carries them. */
export interface Verdicts {
  spf: string;
  dkim: string;
  dmarc: string;
  spam: string;
  virus: string;
}

/** One received message as SES describes it: envelope, recipients at our domain, and verdicts. */
export interface ReceivedMail {
  sesMessageId: string;
  envelopeFrom: string;
  recipients: string[];
  verdicts: Verdicts;
}

export interface Contact {
  name: string | null;
  email: string | null;
  company: string | null;
}

export interface InterviewTime {
  /** ISO-8601 UTC instant. */
  start: string | null;
  end: string | null;
  /** IANA zone (or a fixed offset such as UTC+02:00) the invite was written in. */
  timezone: string | null;
  /** False when any part of the time was assumed rather than stated. */
  certain: boolean;
}

export interface CalendarEventRef {
  uid: string;
  sequence: number;
}

export interface InviteFacts {
  employer: Contact;
  role: string | null;
  interview: InterviewTime;
  /** Names of the facts that could not be found, e.g. "employer.email", "interview.start". */
  missing: string[];
  /**
   * Names of the facts that were found but are not sure (same names as `missing`); the draft asks the
   * user to check them. A fact neither missing nor uncertain was stated unambiguously.
   */
  uncertain: string[];
  /** Subject of the original invite, without Fwd:/Re: prefixes. */
  originalSubject: string | null;
  /** Message-ID of the original invite (angle brackets included), when the forward carried it. */
  originalMessageId: string | null;
  /** References chain of the original invite, for threading the cancellation. */
  originalReferences: string[];
  calendarEvent: CalendarEventRef | null;
  /** A phone number from the invite, for the "call them as well" advice close to the interview. */
  phone: string | null;
  /** How the invite was written, for a letter that answers in kind (absent on cases stored before). */
  style?: InviteStyle;
}

/** The languages Bowout writes letters in. */
export type LetterLanguage = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl' | 'pt';

/** What the invite invites to, as its own words say: the stage the letter withdraws from. */
export type InterviewStage = 'interview' | 'phone-screen' | 'final' | 'assessment';

/** How the employer wrote the invite, read from their own words (invite/read-style.ts). */
export interface InviteStyle {
  /** The invite's language, or null when its words did not say clearly. */
  language: LetterLanguage | null;
  /** Sie/vous/usted/Lei/u (formal), or du/tu/tú/tu/je (informal); English has only the one. */
  register: 'formal' | 'informal';
  /**
   * How the employer greeted the candidate: by first name ("Hallo Lukas"), by title and surname
   * ("Sehr geehrter Herr Brandt"), or not in a way that says (null).
   */
  firstNames: boolean | null;
  stage: InterviewStage;
  /** The invite follows earlier conversations: a second or final round, "following our call". */
  laterRound: boolean;
  /**
   * The contact's salutation and title when the invite states them ("Frau Dr. Weber", "Mme Martin");
   * never guessed from a first name.
   */
  contact: { salutation: 'ms' | 'mr' | null; title: string | null };
}

export type CaseState = 'DRAFTED' | 'SENDING' | 'SENT' | 'DISCARDED';

/**
 * Where the zone Bowout shows a user's times in came from: their ZONE setting, the offset of their
 * mail's Date header, or (neither known, or a Date header of +0000, which many clients write whatever
 * the zone) the interview's own zone, or UTC when even that is unknown.
 */
export type ZoneSource = 'setting' | 'date-header' | 'interview' | 'utc';

export interface CaseUser {
  email: string;
  /** The name to sign with and to show in "<name> via Bowout": NAME, or a plain From display name. */
  name: string | null;
  /** The zone times are shown in and nudges timed by: an IANA zone or a fixed offset ("UTC+01:00"). */
  timezone: string;
  /** Absent on cases stored before it was recorded: those took the Date header's offset. */
  zoneFrom?: ZoneSource;
}

export interface Draft {
  subject: string;
  body: string;
  /**
   * The letter calls the interview "today" or "tomorrow": true only on the day it was written, so a
   * SEND on a later day rewrites it and asks again rather than sending a wrong day.
   */
  relativeDay?: 'today' | 'tomorrow';
}

export interface Case {
  caseId: string;
  state: CaseState;
  user: CaseUser;
  facts: InviteFacts;
  draft: Draft;
  /** The SES message id of the forward that created this case. */
  sourceMessageId: string;
  createdAt: string;
  updatedAt: string;
  /** When the draft mail reached SES; unset while it has not been mailed yet. */
  draftMailedAt: string | null;
  /** The dispatch attempt holding the SENDING lease. */
  sendAttemptId: string | null;
  sendLeaseUntil: string | null;
  sentAt: string | null;
  /** SES message id of the cancellation sent to the employer. */
  sentMessageId: string | null;
  /** When the user was last told "already sent", so a flurry of SENDs gets one note. */
  alreadySentNoticeAt: string | null;
  /** When the user first said SEND after the interview had passed; a second SEND confirms it. */
  lateSendRequestedAt: string | null;
  /** When the user was told a send may or may not have gone out (a crash mid-send). */
  uncertainNoticeAt: string | null;
  /** What the user asked to change in the draft. */
  inputs: DraftInputs;
  /** A reminder the user asked for (REMIND), as an ISO instant. */
  remindAt: string | null;
  /** STOP: no more nudges for this case. */
  nudgesStopped: boolean;
  /** A cancellation, or the friendly "stay in touch" note offered months after one. */
  purpose: 'cancellation' | 'keep-in-touch';
  /**
   * A TO address that did not appear in the forwarded mail (with the name the user gave with it),
   * waiting for the user to confirm it.
   */
  pendingTo: { address: string; name: string | null } | null;
  /** Hashes of the addresses that appeared in the forwarded mail: TO one of these needs no confirmation. */
  forwardedAddresses: string[];
  /**
   * The instant the automatic "not sent yet" reminders were planned from (nudges/plan.ts); a stored
   * reminder that is not in the plan made from it (the interview time or the zone changed since) is
   * superseded. Null on cases stored before plans were recorded.
   */
  nudgesPlannedAt: string | null;
}

/** What a user set for all their cases (ZONE, NAME, LANG, STOP ALL) and when Bowout first saw them. */
export interface UserPreferences {
  /** IANA zone from ZONE. */
  zone: string | null;
  /** NAME: how letters are signed and "<name> via Bowout" reads. */
  signature: string | null;
  /** LANG: the letters' language when an invite's own language is unclear. */
  language: LetterLanguage | null;
  /** STOP ALL. */
  nudgesStopped: boolean;
  /** The first forward Bowout drafted for them: a new user's first day has a lower send limit. */
  firstSeenAt: string | null;
}

export interface DraftInputs {
  /** A brief reason, only when the user gave one (a note above the forward, or REASON). */
  reason: string | null;
  /** An alternative to offer, only when the user asked (OFFER). */
  offer: string | null;
  /** The user rewrote the cancellation with EDIT: Bowout no longer regenerates it. */
  edited: boolean;
  /** The name to sign with. */
  signature: string | null;
  /**
   * The letter's language: the invite's, else the user's default, else English; LANG changes it.
   * Absent on cases stored before letters had a language (they are English).
   */
  language?: LetterLanguage;
}

export type NudgeKind = 'not-sent' | 'not-sent-urgent' | 'reflection' | 'stay-in-touch' | 'custom';

/** A follow-up mail about a case, due at a time (planned in nudges/plan.ts). */
export interface Nudge {
  caseId: string;
  kind: NudgeKind;
  /** ISO instant the nudge falls due. */
  dueAt: string;
}
