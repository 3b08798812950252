import type { Command } from '../conversation/commands.js';
import type { Case } from '../model.js';

/**
 * The short notices Bowout mails its user in answer to a forward or a command: every subject and line
 * of them, in one place. letters/user-mail.ts lays a notice out as a mail.
 */

export interface Notice {
  subject: string;
  lines: string[];
}

/** Every command, one line each: shown in drafts and in HELP answers. */
export const COMMAND_HELP = [
  'SEND: Bowout sends the cancellation for you, in the same thread, with you in copy.',
  'EDIT, then your text: your text becomes the cancellation.',
  'REASON <text>: add a brief reason (only if you want to give one).',
  'OFFER <text>: offer an alternative, e.g. OFFER a part-time role later this year.',
  'TO <address>: send it to a different contact, e.g. TO Tom Whitaker <tom@example.com>.',
  'LANG <code>: write the letter in another language: en, de, fr, es, it, nl or pt.',
  'REMIND <when>: remind me later, e.g. REMIND tomorrow 9am.',
  'CANCEL: discard this draft. STOP: no more reminders for it. STOP ALL: none at all.',
  'HELP: this list.',
];

/** Why a draft comes again when the letter had to follow the calendar ("tomorrow" is now "today"). */
export const DAY_CHANGED_INTRO = [
  'The day has changed since I wrote your cancellation, so I updated how it names the interview (today, tomorrow, or its date). Nothing was sent yet.',
  'Reply SEND to send this version.',
];

/** The headings of the draft mail: the first one, and the one answering a change. */
export const DRAFT_HEADINGS = {
  first: 'Your cancellation draft',
  updated: 'Your updated cancellation draft',
} as const;

const NOT_AN_INVITE_LINES = [
  "I couldn't find an interview invite in the message you sent.",
  '',
  'Forward the invite email itself to this address (inline or as an attachment, with its calendar invitation if it had one), and I will draft your cancellation within a minute.',
];

/** Where a case stands, for "This cancellation is …" (never called for a DRAFTED case). */
function standing(caseRecord: Case): string {
  return caseRecord.state === 'SENT'
    ? 'already sent'
    : caseRecord.state === 'DISCARDED'
      ? 'discarded'
      : 'being sent right now';
}

type HelpProblem = Extract<Command, { kind: 'UNCLEAR' }>['reason'] | null;

function helpLines(problem: HelpProblem): string[] {
  const lead =
    problem === 'bad-address'
      ? "That doesn't look like an email address. Write it like this: TO hannah.cole@example.com"
      : problem === 'bad-language'
        ? 'Bowout writes letters in English (en), German (de), French (fr), Spanish (es), Italian (it), Dutch (nl) and Portuguese (pt). Write it like this: LANG de'
        : problem === 'missing-argument'
          ? 'That command needs a little more after it, for example: REASON I have accepted another offer'
          : problem === null
            ? 'Reply to the draft email with a command on the first line:'
            : "I didn't understand that. Reply with one of these commands on the first line:";
  return [lead, '', ...COMMAND_HELP.map((line) => `  ${line}`)];
}

export const notices = {
  /** A forward Bowout could not read as mail at all. */
  unreadable: (): Notice => ({ subject: "Bowout couldn't read that message", lines: NOT_AN_INVITE_LINES }),
  notAnInvite: (): Notice => ({
    subject: "I couldn't find an interview invite in this",
    lines: NOT_AN_INVITE_LINES,
  }),
  dailyLimit: (kind: 'draft' | 'send', limit: number): Notice => ({
    subject: 'Daily limit reached',
    lines: [
      kind === 'draft'
        ? `Bowout drafts at most ${limit} cancellations a day for you. Forward the invite again tomorrow.`
        : `Bowout sends at most ${limit} cancellations a day for you. Reply SEND again tomorrow, or use the link in the draft to send it yourself.`,
    ],
  }),
  /** HELP, or a reply Bowout could not read as a command (`problem` says why). */
  help: (problem: HelpProblem): Notice => ({ subject: 'How to use Bowout', lines: helpLines(problem) }),

  stopped: (): Notice => ({
    subject: 'No more reminders for this case',
    lines: [
      'Done: Bowout will send no more reminders about this interview.',
      'Reply STOP ALL to stop them for every case.',
    ],
  }),
  stoppedAll: (): Notice => ({
    subject: 'No more reminders',
    lines: [
      'Done: Bowout will send you no more reminders, for any case. Drafts still come when you forward an invite.',
    ],
  }),

  discarded: (): Notice => ({
    subject: 'Draft discarded',
    lines: ['Done: the cancellation draft is discarded and nothing was sent to the employer.'],
  }),
  tooLateToDiscard: (caseRecord: Case): Notice => ({
    subject: 'Too late to discard',
    lines: [`This cancellation is ${standing(caseRecord)}, so there is nothing to discard.`],
  }),
  tooLateToChange: (caseRecord: Case): Notice => ({
    subject: 'The draft can no longer change',
    lines: [`This cancellation is ${standing(caseRecord)}, so it can no longer be changed.`],
  }),
  addressRefused: (address: string): Notice => ({
    subject: 'That address cannot be used',
    lines: [
      `I can't send the cancellation to ${address}: it is not a person's address.`,
      'Reply TO with the address of the person who invited you.',
    ],
  }),
  editedByUser: (): Notice => ({
    subject: 'You edited this draft yourself',
    lines: ['Your own text is kept as it is. To change it, reply EDIT followed by the new text.'],
  }),

  remindUnclear: (): Notice => ({
    subject: 'When should I remind you?',
    lines: ["I couldn't read that time. Try for example: REMIND 2 days, REMIND tomorrow, REMIND Monday 9am"],
  }),
  nothingToRemind: (caseRecord: Case): Notice => ({
    subject: 'Nothing to remind you of',
    lines: [`This case is ${standing(caseRecord)}, so there is nothing left to remind you about.`],
  }),
  /** `when`: the reminder's time in the user's zone, e.g. "Wednesday 2 December at 09:00". */
  reminderSet: (when: string): Notice => ({
    subject: 'Reminder set',
    lines: [`I'll remind you on ${when}.`],
  }),

  noRecipient: (): Notice => ({
    subject: 'Who should receive it?',
    lines: [
      "I don't know the employer's email address, so I can't send the cancellation yet.",
      'Reply TO followed by their address (for example: TO hannah.cole@example.com), then SEND.',
    ],
  }),
  /** The same invite forwarded again: the earlier case stands (`draftedOn`, `sentOn` in the user's zone). */
  alreadyHaveIt: (earlier: { caseRecord: Case; draftedOn: string | null; sentOn: string | null }): Notice => {
    const { caseRecord, draftedOn, sentOn } = earlier;
    const invite = caseRecord.facts.originalSubject
      ? `this invite ("${caseRecord.facts.originalSubject}")`
      : 'this invite';
    const where =
      caseRecord.state === 'SENT'
        ? `Its cancellation was already sent${sentOn ? ` on ${sentOn}` : ''}; nothing more will go to the employer.`
        : caseRecord.state === 'SENDING'
          ? 'Its cancellation is being sent right now.'
          : `The draft I mailed you${draftedOn ? ` on ${draftedOn}` : ''} is still the one to use: reply SEND to it, or to this email, to send it.`;
    return {
      subject: 'You forwarded this invite already',
      lines: [`I already have ${invite}, so I opened nothing new.`, where],
    };
  },
  alreadySent: (): Notice => ({
    subject: 'Already sent',
    lines: ['Your cancellation was already sent; nothing more went to the employer.'],
  }),
  sendAfterDiscard: (): Notice => ({
    subject: 'This draft was discarded',
    lines: [
      'You discarded this draft earlier, so nothing was sent. Forward the invite again for a new draft.',
    ],
  }),
  uncertainSend: (): Notice => ({
    subject: 'Did your cancellation go out?',
    lines: [
      'A fault interrupted sending your cancellation, so I cannot tell whether the employer received it.',
      'You were in copy: if you have a copy in your inbox, it went out and there is nothing to do.',
      'If you have no copy, reply SEND AGAIN and I will send it.',
    ],
  }),
  interviewPassed: (): Notice => ({
    subject: 'The interview has passed',
    lines: [
      'The interview in this invite seems to have taken place already, so I have not sent anything.',
      'If you still want the cancellation to go out, reply SEND once more.',
    ],
  }),
  sendRefused: (): Notice => ({
    subject: 'Your cancellation could not be sent',
    lines: [
      'The mail service refused to send your cancellation, so nothing went to the employer.',
      'Please send it yourself with the link in the draft email.',
    ],
  }),
};
