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

function hoursUntil(caseRecord: Case, now: Date): number | null {
  const start = caseRecord.facts.interview.start;
  return start ? (Date.parse(start) - now.getTime()) / 3_600_000 : null;
}

/**
 * The mail for one nudge about `value`, the case it concerns. `replyAddress` carries a fresh token for
 * this case, or for `followUp` (the friendly note's own case, for "stay in touch").
 */
export function composeNudgeMail(
  kind: NudgeKind,
  value: Case,
  options: { replyAddress: string; sender: SenderIdentity; now: Date; followUp?: Case | null },
): OutgoingMail {
  const { replyAddress, sender, now, followUp = null } = options;
  const notice = (subject: string, lines: string[], buttons: readonly CommandButton[] = NUDGE_BUTTONS) =>
    composeNotice({ subject, lines } satisfies Notice, {
      to: value.user.email,
      sender,
      replyAddress,
      buttons,
    });
  const about = value.facts.employer.company ?? value.facts.role ?? 'your interview';
  const when = value.facts.interview.start
    ? formatForUser(value.facts.interview.start, value.user.timezone)
    : null;
  const withFooter = (mail: OutgoingMail): OutgoingMail => ({
    ...mail,
    text: [mail.text, ...NUDGE_FOOTER].join('\n'),
  });
  switch (kind) {
    case 'not-sent':
    case 'not-sent-urgent':
    case 'custom': {
      if (value.state === 'SENT' && kind === 'custom') {
        return withFooter(
          notice(`Your reminder: ${about}`, [
            'You asked me to remind you about this case.',
            `Your cancellation to ${value.facts.employer.name ?? value.facts.employer.email ?? 'the employer'} went out${value.sentAt ? ` on ${formatForUser(value.sentAt, value.user.timezone)}` : ''}.`,
            'If they answered and pushed back, stay courteous and firm: thank them, say your decision stands, and wish them well.',
          ]),
        );
      }
      const hours = hoursUntil(value, now);
      const intro =
        kind === 'not-sent-urgent'
          ? [
              `Your interview${when ? ` is on ${when}` : ' is close'} and the cancellation has not gone out yet. The sooner they know, the better.`,
              ...(hours !== null && hours < 4
                ? [
                    `It is only hours away: a quick phone call as well would be kind${value.facts.phone ? ` (${value.facts.phone})` : ''}.`,
                  ]
                : []),
            ]
          : kind === 'custom'
            ? ['Here is the reminder you asked for: your cancellation has not gone out yet.']
            : [
                'A gentle reminder: your cancellation has not gone out yet. Letting them know early is the kindest way to withdraw.',
              ];
      const mail = composeDraftMail(value, {
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
          `A week ago you withdrew from ${value.facts.role ? `the ${value.facts.role} interview` : 'an interview'}${value.facts.employer.company ? ` at ${value.facts.employer.company}` : ''}.`,
          '',
          'Two questions worth a minute, just for you:',
          '  - What changed between applying and withdrawing?',
          '  - What would you look for sooner next time, to know earlier whether a role is right?',
          '',
          'No need to reply.',
        ]),
      );
    case 'stay-in-touch': {
      const note = followUp?.draft ?? writeKeepInTouchNote(value);
      const to = value.facts.employer.email;
      const mailto = mailtoLink({ to, subject: note.subject, body: note.body });
      return withFooter(
        notice(
          headerSafe(`Stay in touch with ${value.facts.employer.name ?? about}?`, 150),
          [
            `Three months ago you withdrew from ${value.facts.role ? `the ${value.facts.role} interview` : 'an interview'}${value.facts.employer.company ? ` at ${value.facts.employer.company}` : ''}. A short note now keeps the door open.`,
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
