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
  'WHEN <date and time>: correct the interview time, e.g. WHEN Tuesday 8 December 14:00.',
  'CANCEL: discard this draft. STOP: no more reminders for it. STOP ALL: none at all.',
  'HELP: this list, and your settings: ZONE, NAME, LANG, STATUS, FORGET.',
];

/** The settings and the user's own data, one line each: they work in a reply to any Bowout mail. */
export const SETTINGS_HELP = [
  'ZONE <city or zone>: your time zone, for times and reminders, e.g. ZONE Los Angeles.',
  'NAME <your name>: how your letters are signed.',
  "LANG <code>: your letters' language when an invite's own is unclear (en, de, fr, es, it, nl, pt).",
  'STATUS: your open cases, each with its own reply address.',
  'STOP ALL: no more reminders at all.',
  'FORGET: delete everything Bowout keeps about you.',
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
  return [
    lead,
    '',
    ...COMMAND_HELP.map((line) => `  ${line}`),
    '',
    'Your settings, in a reply to any Bowout mail:',
    ...SETTINGS_HELP.map((line) => `  ${line}`),
  ];
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
  /**
   * `when`: the reminder's time in the user's zone, e.g. "Wednesday 2 December at 09:00"; `interview`
   * when that is after the interview (the interview's time in the user's zone).
   */
  reminderSet: (when: string, options: { replacesAutomatic: boolean; interview: string | null }): Notice => ({
    subject: 'Reminder set',
    lines: [
      `I'll remind you on ${when}${options.replacesAutomatic ? ', instead of the automatic reminders for this draft' : ''}.`,
      ...(options.interview
        ? [
            '',
            `Note that this is after your interview (${options.interview}). A cancellation after the interview comes too late, so if it has not gone out by then I will not send this reminder either.`,
            'Reply SEND to send the cancellation now, or REMIND with an earlier time.',
          ]
        : []),
    ],
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

/**
 * What keeps Bowout from answering loops or relaying for strangers: the answer budget, Bowout's own mail
 * coming back, text that would carry a link, a contact that needs confirming, a new user's first day.
 */
export const guardNotices = {
  /** The one notice when the day's answers to mail that is neither an invite nor a command run out. */
  answerBudgetSpent: (answered: number): Notice => ({
    subject: "I'll stop answering for today",
    lines: [
      `Today you sent Bowout several messages that were neither an invite nor a command, and I answered ${answered} of them.`,
      'So that an automatic responder cannot keep a conversation with Bowout going, I will not answer any more of them until tomorrow.',
      'Forwarded invites and commands such as SEND or STATUS still work as usual.',
    ],
  }),
  ownMailForwarded: (): Notice => ({
    subject: "That is one of Bowout's own messages",
    lines: [
      'The message you forwarded is one Bowout sent, so there is no new invite in it and I opened no case.',
      'To act on a draft, reply to it with a command such as SEND. To start a new cancellation, forward the invite from the employer itself.',
    ],
  }),
  /** `command`: EDIT, REASON, OFFER or NAME; `found`: the part that reads as a link or an address. */
  linkRefused: (command: string, found: string, kind: 'link' | 'address'): Notice => ({
    subject: kind === 'link' ? 'Links cannot go into your letter' : 'Addresses cannot go into your letter',
    lines: [
      kind === 'link'
        ? `Your ${command} contains "${found}", which reads as a web address.`
        : `Your ${command} contains the email address "${found}", which is not yours.`,
      'So that nobody can use Bowout to pass links or addresses to strangers, the text you write reaches an employer only without them: they can reply to you directly.',
      'Nothing was changed. Please send it again without it.',
    ],
  }),
  toNeedsConfirmation: (address: string): Notice => ({
    subject: 'Please confirm the new contact',
    lines: [
      `${address} did not appear in the invite you forwarded.`,
      'To make sure the cancellation goes to the right person, reply CONFIRM to use this address (or TO with another one). Until then the draft keeps its current contact.',
    ],
  }),
  nothingToConfirm: (): Notice => ({
    subject: 'Nothing to confirm',
    lines: [
      'No new contact is waiting for your confirmation on this draft. Reply TO <address> to change it.',
    ],
  }),
  firstDayLimit: (limit: number, usual: number): Notice => ({
    subject: 'Daily limit reached',
    lines: [
      `On your first day with Bowout, it sends at most ${limit} cancellations for you; from tomorrow, up to ${usual} a day.`,
      'Reply SEND again tomorrow, or use the link in the draft to send it yourself.',
    ],
  }),
  noteReasonLeftOut: (): string =>
    'I left the reason in your note out of the letter: it contains a web address or an email address, and the text you write reaches an employer only without them. Reply REASON with a reason without one to add it.',
};

/** A case's line in STATUS. */
export interface StatusEntry {
  company: string | null;
  role: string | null;
  /** The interview's time in the user's zone, or null when unknown. */
  interview: string | null;
  state: 'DRAFTED' | 'SENDING' | 'SENT' | 'DISCARDED';
  purpose: 'cancellation' | 'keep-in-touch';
  replyAddress: string;
}

/** What FORGET deleted, by kind. */
export interface ForgetCounts {
  cases: number;
  replyAddresses: number;
  reminders: number;
  settings: number;
  counters: number;
  messages: number;
}

const STATE_WORDS: Record<StatusEntry['state'], string> = {
  DRAFTED: 'draft not sent yet',
  SENDING: 'being sent',
  SENT: 'sent',
  DISCARDED: 'discarded',
};

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The settings (ZONE, NAME, LANG), the user's data (STATUS, FORGET) and corrections of a case (WHEN). */
export const settingsNotices = {
  zoneSet: (zone: string, localNow: string, updatedDrafts: number): Notice => ({
    subject: 'Time zone set',
    lines: [
      `Your time zone is now ${zone} (it is ${localNow} there now).`,
      updatedDrafts > 0
        ? `Times in your drafts and reminders follow it; ${count(updatedDrafts, 'open draft was', 'open drafts were')} updated.`
        : 'Times in your drafts and reminders follow it from now on.',
    ],
  }),
  zoneUnclear: (asked: string): Notice => ({
    subject: 'Which time zone?',
    lines: [
      `I couldn't find a time zone for "${asked}".`,
      'Reply ZONE with a city or a zone name, for example: ZONE Los Angeles, ZONE Europe/Berlin, ZONE Asia/Kolkata',
    ],
  }),
  nameSet: (name: string, updatedDrafts: number): Notice => ({
    subject: 'Name set',
    lines: [
      `Your letters are now signed "${name}", and employers receive them from "${name} via Bowout".`,
      ...(updatedDrafts > 0
        ? [
            `${count(updatedDrafts, 'open draft was', 'open drafts were')} updated (a text you edited yourself keeps its own signature).`,
          ]
        : []),
    ],
  }),
  nameRefused: (problem: 'link' | 'address' | 'too-long'): Notice => ({
    subject: 'That name cannot be used',
    lines: [
      problem === 'too-long'
        ? 'A name to sign with can be at most 80 characters long.'
        : `A name to sign with cannot contain ${problem === 'link' ? 'a web address' : 'an email address'}: employers see it as "<name> via Bowout".`,
      'Reply NAME followed by your name, for example: NAME Alex Rivera',
    ],
  }),
  languageSet: (language: string, code: string): Notice => ({
    subject: 'Letter language set',
    lines: [
      `Your letters are now in ${language} (${code}) whenever Bowout cannot tell an invite's language. An invite written in English, German, French, Spanish, Italian, Dutch or Portuguese is still answered in its own language.`,
      "To change one draft's language, reply LANG with the code to that draft.",
    ],
  }),
  status: (entries: readonly StatusEntry[], closed: number): Notice => ({
    subject: entries.length ? `Your open cases (${entries.length})` : 'You have no open cases',
    lines: [
      ...(entries.length
        ? entries.flatMap((entry, i) => [
            `${i + 1}. ${[entry.company, entry.role].filter(Boolean).join(', ') || 'Interview'}${entry.purpose === 'keep-in-touch' ? ' (stay-in-touch note)' : ''}`,
            `   Interview: ${entry.interview ?? 'time unknown'}`,
            `   State: ${STATE_WORDS[entry.state]}`,
            `   Reply to: ${entry.replyAddress}`,
            '',
          ])
        : ['Bowout has no draft of yours waiting. Forward an invite to start one.', '']),
      `Closed cases (sent or discarded): ${closed}.`,
      'Reply to a case with a command for it, for example SEND or WHEN.',
    ],
  }),
  forgotten: (deleted: ForgetCounts): Notice => ({
    subject: 'Everything about you is deleted',
    lines: [
      'Done: Bowout deleted everything it kept about you:',
      `  ${count(deleted.cases, 'case', 'cases')} with their drafts, ${count(deleted.reminders, 'reminder', 'reminders')}, ${count(deleted.messages, 'stored message', 'stored messages')},`,
      `  ${count(deleted.replyAddresses, 'reply address', 'reply addresses')}, ${count(deleted.settings, 'settings record', 'settings records')} and ${count(deleted.counters, 'usage counter', 'usage counters')}.`,
      '',
      'Kept: only a mark that those reply addresses are closed, so nobody can ever use them, and the note not to mail an address that bounced or complained, if any did.',
      'Nothing more will come from Bowout unless you forward a new invite.',
    ],
  }),
  interviewTimeCorrected: (time: string): string =>
    `The interview time is now ${time}; the reminders follow it.`,
  editedTextKeepsDate: (): string =>
    'Your own text is kept as you wrote it: check the date in it, and reply EDIT with a new text if it needs one.',
  whenUnclear: (): Notice => ({
    subject: 'When is the interview?',
    lines: [
      "I couldn't read a date and time in that. Write both, for example: WHEN Tuesday 8 December 14:00, or WHEN 2026-12-08 14:00 Europe/Berlin",
    ],
  }),
  whenPassed: (): Notice => ({
    subject: 'That time has passed',
    lines: [
      'That date and time has already passed, so I did not change the interview time. Write the date with its year if it is next year.',
    ],
  }),
  whenClosed: (state: 'SENDING' | 'SENT' | 'DISCARDED'): Notice => ({
    subject: 'The interview time no longer matters',
    lines: [`This cancellation is ${STATE_WORDS[state]}, so Bowout no longer needs the interview time.`],
  }),
  /** A case's command sent to an address of the user that belongs to no case. */
  needsCase: (command: string): Notice => ({
    subject: 'Which case?',
    lines: [
      `${command} acts on one case: reply with it to that case's draft or reminder.`,
      'Reply STATUS to get your open cases, each with its own reply address.',
    ],
  }),
};
