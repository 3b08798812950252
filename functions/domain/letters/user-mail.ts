import { formatInZone, sameOffsetAt } from '../invite/zones.js';
import { escapeHtml, headerSafe } from '../mail/sanitize.js';
import type { Case, InviteFacts } from '../model.js';
import type { OutgoingMail } from '../ports.js';

/**
 * Mail Bowout writes to its own user: the draft with what it understood, and short notices. Every
 * employer-provided string goes through escapeHtml in HTML and headerSafe in headers.
 */

export interface SenderIdentity {
  senderAddress: string;
}

const FACT_LABELS: Record<string, string> = {
  'employer.email': "the employer's email address (reply TO <address> to set it)",
  'employer.name': "the contact's name",
  'employer.company': 'the company',
  role: 'the role',
  'interview.start': 'the interview date and time',
};

/** A short notice to the user: its subject and its lines (the wording is in letters/notices.ts). */
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
  'TO <address>: send it to a different contact.',
  'REMIND <when>: remind me later, e.g. REMIND tomorrow 9am.',
  'CANCEL: discard this draft. STOP: no more reminders for it. STOP ALL: none at all.',
  'HELP: this list.',
];

/** The headings of the draft mail: the first one, and the one answering a change. */
export const DRAFT_HEADINGS = {
  first: 'Your cancellation draft',
  updated: 'Your updated cancellation draft',
} as const;

/** A `mailto:` link that opens the user's own mail app with the letter filled in. */
export function mailtoLink(letter: { to: string | null; subject: string; body: string }): string {
  const query = `subject=${encodeURIComponent(letter.subject)}&body=${encodeURIComponent(letter.body)}`;
  return `mailto:${letter.to ? encodeURIComponent(letter.to).replace(/%40/g, '@') : ''}?${query}`;
}

function factLines(facts: InviteFacts, userZone: string): string[] {
  const contact = facts.employer;
  const who = contact.email ? `${contact.name ? `${contact.name} ` : ''}<${contact.email}>` : 'not found';
  const lines = [
    `Contact: ${who}`,
    `Company: ${contact.company ?? 'not found'}`,
    `Role: ${facts.role ?? 'not found'}`,
  ];
  const { start, timezone, certain } = facts.interview;
  if (start) {
    const yours = formatInZone(start, userZone);
    const theirs =
      timezone && !sameOffsetAt(start, timezone, userZone)
        ? `; ${formatInZone(start, timezone)} for them`
        : '';
    lines.push(`Interview: ${yours} your time${theirs}${certain ? '' : ' (partly assumed: please check)'}`);
  } else {
    lines.push('Interview: not found');
  }
  return lines;
}

function missingLine(facts: InviteFacts): string | null {
  const labels = facts.missing
    .map((key) => FACT_LABELS[key])
    .filter((label): label is string => Boolean(label));
  return labels.length ? `I could not find ${labels.join(', ')}.` : null;
}

function timeGuard(facts: InviteFacts, now: Date): string | null {
  if (!facts.interview.start) return null;
  const hoursAway = (Date.parse(facts.interview.start) - now.getTime()) / 3_600_000;
  if (hoursAway < 0)
    return 'This interview seems to have passed already. If you still want to send the note, reply SEND, then SEND again when I ask you to confirm.';
  if (hoursAway < 4) {
    const phone = facts.phone ? ` (the invite lists ${facts.phone})` : '';
    return `The interview is only hours away: a quick phone call as well would be kind${phone}.`;
  }
  return null;
}

function paragraphsToHtml(text: string): string {
  return text
    .split('\n\n')
    .map((p) => `<p style="margin:0 0 12px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function layout(title: string, inner: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head><body style="margin:0;padding:16px;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1f2328;max-width:640px">${inner}</body></html>`;
}

/**
 * The draft mail: what Bowout understood, the cancellation ready to send, a `mailto:` link and the
 * commands. `heading` and `intro` let a nudge or an answer to a change say why it comes again.
 */
export function composeDraftMail(
  caseRecord: Case,
  options: {
    replyAddress: string;
    sender: SenderIdentity;
    now: Date;
    heading?: string;
    intro?: string[];
  },
): OutgoingMail {
  const { facts, draft, user } = caseRecord;
  const { replyAddress, sender, now } = options;
  const heading = options.heading ?? DRAFT_HEADINGS.first;
  const intro = options.intro ?? [];
  const facts_ = factLines(facts, user.timezone);
  const missing = missingLine(facts);
  const guard = timeGuard(facts, now);
  const mailto = mailtoLink({ to: facts.employer.email, subject: draft.subject, body: draft.body });
  const about = facts.employer.company ?? facts.role ?? 'your interview';
  const subject = headerSafe(`${heading}: ${about}`, 150);

  const text = [
    ...(intro.length ? [...intro, ''] : []),
    'Here is what I understood from the invite you forwarded:',
    '',
    ...facts_.map((l) => `  ${l}`),
    ...(missing ? ['', missing] : []),
    ...(guard ? ['', guard] : []),
    '',
    'Your cancellation, ready to send:',
    '',
    `Subject: ${draft.subject}`,
    '',
    draft.body,
    '',
    '---',
    'Reply to this email with a command on the first line:',
    ...COMMAND_HELP.map((c) => `  ${c}`),
    '',
    'Or send it yourself from your own mail app:',
    mailto,
  ].join('\n');

  const html = layout(
    subject,
    [
      ...intro.map((line) => `<p><strong>${escapeHtml(line)}</strong></p>`),
      '<p>Here is what I understood from the invite you forwarded:</p>',
      `<ul style="padding-left:20px">${facts_.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
      missing
        ? `<p style="background:#fff8c5;padding:8px 12px;border-radius:6px">${escapeHtml(missing)}</p>`
        : '',
      guard
        ? `<p style="background:#ffebe9;padding:8px 12px;border-radius:6px">${escapeHtml(guard)}</p>`
        : '',
      '<p><strong>Your cancellation, ready to send:</strong></p>',
      `<div style="border-left:4px solid #d0d7de;padding:4px 12px;margin:0 0 16px"><p style="margin:0 0 12px"><em>${escapeHtml(draft.subject)}</em></p>${paragraphsToHtml(draft.body)}</div>`,
      `<p><a href="${escapeHtml(mailto)}" style="display:inline-block;background:#1f6feb;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">Open in my mail app</a></p>`,
      `<p>Or reply to this email with a command on the first line:</p><ul style="padding-left:20px">${COMMAND_HELP.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`,
    ].join(''),
  );

  return {
    from: { name: 'Bowout', address: sender.senderAddress },
    to: [user.email],
    cc: [],
    replyTo: [replyAddress],
    subject,
    text,
    html,
    inReplyTo: null,
    references: [],
    attachments: [],
    headers: {},
  };
}

/**
 * A short plain notice to the user (no invite found, already sent, help), with the case's reply
 * address as Reply-To when it answers a command.
 */
export function composeNotice(
  notice: Notice,
  options: { to: string; sender: SenderIdentity; replyAddress?: string | null },
): OutgoingMail {
  const text = notice.lines.join('\n');
  return {
    from: { name: 'Bowout', address: options.sender.senderAddress },
    to: [options.to],
    cc: [],
    replyTo: options.replyAddress ? [options.replyAddress] : [],
    subject: headerSafe(notice.subject, 150),
    text,
    html: layout(notice.subject, paragraphsToHtml(text)),
    inReplyTo: null,
    references: [],
    attachments: [],
    headers: {},
  };
}
