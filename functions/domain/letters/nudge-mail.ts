import { headerSafe } from '../mail/sanitize.js';
import type { Case, Draft, NudgeKind } from '../model.js';
import type { OutgoingMail } from '../ports.js';
import { writeKeepInTouchNote as writeNote } from './cancellation.js';
import { formatForUser } from './dates.js';
import type { Notice } from './notices.js';
import {
  type CommandButton,
  composeDraftMail,
  composeNotice,
  mailtoLink,
  type SenderIdentity,
} from './user-mail.js';

/** The buttons every nudge ends with: move it, or make them stop. */
const NUDGE_BUTTONS: CommandButton[] = [
  { label: 'Remind me tomorrow at 9', command: 'REMIND tomorrow 9am' },
  { label: 'No more reminders about this', command: 'STOP' },
  { label: 'No reminders at all', command: 'STOP ALL' },
];

/** Every nudge says how to make them stop and how to move them. */
const NUDGE_FOOTER = [
  '',
  '---',
  'Reply REMIND <when> to be reminded later (e.g. REMIND 2 days), STOP for no more reminders about this, or STOP ALL for none at all.',
];

/**
 * The friendly note for "stay in touch", three months after withdrawing, in the letter's language: short,
 * warm, saying only what happened, no ask beyond keeping the door open. Bowout sends it only on SEND.
 */
export function writeKeepInTouchNote(caseRecord: Case): Draft {
  return writeNote(caseRecord.facts, caseRecord.inputs, {
    caseId: caseRecord.caseId,
    now: new Date(caseRecord.sentAt ?? caseRecord.updatedAt),
  });
}

const NUMBER_WORDS = [
  '',
  'One',
  'Two',
  'Three',
  'Four',
  'Five',
  'Six',
  'Seven',
  'Eight',
  'Nine',
  'Ten',
  'Eleven',
];

/**
 * "A week ago", "Three months ago": how long ago the cancellation went out, said as a person would. A
 * nudge may go out late (the sweep was down), so it is worked out from the sending time, not assumed.
 */
function timeSince(sentAt: string | null, now: Date): string | null {
  if (!sentAt) return null;
  const days = (now.getTime() - Date.parse(sentAt)) / 86_400_000;
  const weeks = Math.round(days / 7);
  const months = Math.round(days / 30.44);
  if (days < 5) return 'A few days ago';
  if (weeks <= 1) return 'A week ago';
  if (weeks <= 4 && months <= 1) return `${NUMBER_WORDS[weeks]} weeks ago`;
  if (months <= 1) return 'A month ago';
  if (months < 12) return `${NUMBER_WORDS[months]} months ago`;
  return 'Over a year ago';
}

function hoursUntil(caseRecord: Case, now: Date): number | null {
  const start = caseRecord.facts.interview.start;
  return start ? (Date.parse(start) - now.getTime()) / 3_600_000 : null;
}

/**
 * The mail for one nudge about `caseRecord`. `replyAddress` carries a fresh token for
 * this case, or for `followUp` (the friendly note's own case, for "stay in touch").
 */
export function composeNudgeMail(
  kind: NudgeKind,
  caseRecord: Case,
  options: { replyAddress: string; sender: SenderIdentity; now: Date; followUp?: Case | null },
): OutgoingMail {
  const { replyAddress, sender, now, followUp = null } = options;
  const notice = (subject: string, lines: string[], buttons: readonly CommandButton[] = NUDGE_BUTTONS) =>
    composeNotice({ subject, lines } satisfies Notice, {
      to: caseRecord.user.email,
      sender,
      replyAddress,
      buttons,
    });
  const about = caseRecord.facts.employer.company ?? caseRecord.facts.role ?? 'your interview';
  const { start, certain } = caseRecord.facts.interview;
  // A reminder timed from a guessed time (no zone stated, a floating or unknown calendar zone) says so.
  const when = start
    ? `${formatForUser(start, caseRecord.user.timezone)}${certain ? '' : ' (partly assumed: please check)'}`
    : null;
  const withFooter = (mail: OutgoingMail): OutgoingMail => ({
    ...mail,
    text: [mail.text, ...NUDGE_FOOTER].join('\n'),
  });
  switch (kind) {
    case 'not-sent':
    case 'not-sent-urgent':
    case 'custom': {
      if (caseRecord.state === 'SENT' && kind === 'custom') {
        return withFooter(
          notice(`Your reminder: ${about}`, [
            'You asked me to remind you about this case.',
            `Your cancellation to ${caseRecord.facts.employer.name ?? caseRecord.facts.employer.email ?? 'the employer'} went out${caseRecord.sentAt ? ` on ${formatForUser(caseRecord.sentAt, caseRecord.user.timezone)}` : ''}.`,
            'If they answered and pushed back, stay courteous and firm: thank them, say your decision stands, and wish them well.',
          ]),
        );
      }
      const hours = hoursUntil(caseRecord, now);
      const intro =
        kind === 'not-sent-urgent'
          ? [
              `Your interview${when ? ` is on ${when}` : ' is close'} and the cancellation has not gone out yet. The sooner they know, the better.`,
              ...(hours !== null && hours < 4
                ? [
                    `It is only hours away: a quick phone call as well would be kind${caseRecord.facts.phone ? ` (${caseRecord.facts.phone})` : ''}.`,
                  ]
                : []),
            ]
          : kind === 'custom'
            ? ['Here is the reminder you asked for: your cancellation has not gone out yet.']
            : [
                'A gentle reminder: your cancellation has not gone out yet. Letting them know early is the kindest way to withdraw.',
              ];
      const mail = composeDraftMail(caseRecord, {
        replyAddress,
        sender,
        now,
        heading: kind === 'not-sent-urgent' ? 'Your interview is coming up' : 'Reminder',
        intro: [...intro, 'Reply SEND and I will send it for you.'],
      });
      return withFooter(mail);
    }
    case 'reflection':
      return withFooter(
        notice(`A moment to reflect: ${about}`, [
          `${timeSince(caseRecord.sentAt, now) ?? 'A week ago'} you withdrew from ${caseRecord.facts.role ? `the ${caseRecord.facts.role} interview` : 'an interview'}${caseRecord.facts.employer.company ? ` at ${caseRecord.facts.employer.company}` : ''}.`,
          '',
          'Two questions worth a minute, just for you:',
          '  - What changed between applying and withdrawing?',
          '  - What would you look for sooner next time, to know earlier whether a role is right?',
          '',
          'No need to reply.',
        ]),
      );
    case 'stay-in-touch': {
      const note = followUp?.draft ?? writeKeepInTouchNote(caseRecord);
      const to = caseRecord.facts.employer.email;
      const mailto = mailtoLink({ to, subject: note.subject, body: note.body });
      return withFooter(
        notice(
          headerSafe(`Stay in touch with ${caseRecord.facts.employer.name ?? about}?`, 150),
          [
            `${timeSince(caseRecord.sentAt, now) ?? 'Three months ago'} you withdrew from ${caseRecord.facts.role ? `the ${caseRecord.facts.role} interview` : 'an interview'}${caseRecord.facts.employer.company ? ` at ${caseRecord.facts.employer.company}` : ''}. A short note now keeps the door open.`,
            '',
            'Here is one, ready to send:',
            '',
            `Subject: ${note.subject}`,
            '',
            note.body,
            '',
            `Reply SEND and I will send it to ${to ?? 'them'}, with you in copy.${mailto ? ' Or send it yourself:' : ''}`,
            ...(mailto ? [mailto] : []),
          ],
          [
            { label: 'Send it', command: 'SEND' },
            { label: 'Edit the note', command: `EDIT\n\n${note.body}`, textCommand: 'EDIT\n\n' },
            { label: 'Not now', command: 'CANCEL' },
            ...NUDGE_BUTTONS.slice(1),
          ],
        ),
      );
    }
  }
}
