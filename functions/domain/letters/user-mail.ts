import { escapeHtml, headerSafe } from '../mail/sanitize.js';
import type { Case, CaseUser, InviteFacts, LetterLanguage } from '../model.js';
import type { OutgoingMail } from '../ports.js';
import { letterLanguage } from './cancellation.js';
import { showWallClock, wallClock } from './dates.js';
import { LETTER_LANGUAGES } from './language.js';
import { COMMAND_HELP, DRAFT_HEADINGS, type Notice } from './notices.js';

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

// Facts found but not stated plainly: each is marked in the list, and the user is asked to check them.
const UNCERTAIN_LABELS: Record<string, string> = {
  'employer.email': "the employer's email address (reply TO <address> to change it)",
  'employer.name': "the contact's name",
  'employer.company': 'the company',
  role: 'the role',
};
const CHECK = ' (please check)';

/** Text for a `mailto:` field: line breaks as CRLF (%0D%0A), as RFC 6068 asks. */
const mailtoText = (text: string) => encodeURIComponent(text.replace(/\r?\n/g, '\r\n'));

/**
 * escapeHtml of an encodeURIComponent result: of the characters HTML escapes, only the apostrophe
 * survives percent-encoding. So an encoded text is escaped on its own and joined to its escaped start.
 */
const escapeEncoded = (encoded: string) =>
  encoded.includes("'") ? encoded.replaceAll("'", '&#39;') : encoded;

/** `mailto:<address>?subject=<subject>&body=`, for a body to follow. */
const mailtoStart = (to: string, subject: string) =>
  `mailto:${encodeURIComponent(to).replace(/%40/g, '@')}?subject=${mailtoText(subject)}&body=`;

/**
 * A `mailto:` link that opens the user's own mail app with the letter filled in, line breaks as CRLF
 * (%0D%0A) as RFC 6068 asks. Null without an address: a link to nobody helps nobody.
 */
export function mailtoLink(letter: { to: string | null; subject: string; body: string }): string | null {
  if (!letter.to) return null;
  return mailtoStart(letter.to, letter.subject) + mailtoText(letter.body);
}

/** A command as a one-tap button: a `mailto:` to the case's address with the command already written. */
export interface CommandButton {
  /** What the button says: "Send it", "Remind me tomorrow at 9". */
  label: string;
  /** The reply's text: "SEND", "REMIND tomorrow 9am", "EDIT" and the letter. */
  command: string;
  /** For the text part, where a long prefilled text would bury the list: a shorter command. */
  textCommand?: string;
}

/** A command's text, encoded for a `mailto:` body: `encoded` as it goes in a URL, `escaped` in HTML too. */
interface EncodedCommand {
  encoded: string;
  escaped: string;
}

const encodeCommand = (command: string): EncodedCommand => {
  const encoded = mailtoText(command);
  return { encoded, escaped: escapeEncoded(encoded) };
};

/** The buttons and their text-part list, for a mail whose replies go to `replyAddress`. */
export function commandButtons(
  buttons: readonly CommandButton[],
  reply: { address: string; subject: string },
): { html: string; text: string[] } {
  return renderButtons(buttons, reply, encodeCommand);
}

/**
 * The buttons, each command encoded by `encode` (a caller that has encoded a long text already, the
 * draft's letter, passes it on instead of encoding it again).
 */
function renderButtons(
  buttons: readonly CommandButton[],
  reply: { address: string; subject: string },
  encode: (command: string) => EncodedCommand,
): { html: string; text: string[] } {
  // Every link goes to the same address with the same subject: that part is encoded (and escaped) once.
  const start = reply.address ? mailtoStart(reply.address, `Re: ${reply.subject}`) : null;
  const escapedStart = start === null ? '' : escapeHtml(start);
  let html = '';
  const text: string[] = [];
  for (const button of buttons) {
    const command = start === null ? null : encode(button.command);
    if (html) html += ' ';
    html += `<a href="${command ? escapedStart + command.escaped : ''}" style="${BUTTON_STYLE}">${escapeHtml(button.label)}</a>`;
    const link =
      start === null
        ? ''
        : button.textCommand === undefined
          ? start + (command as EncodedCommand).encoded
          : start + mailtoText(button.textCommand);
    text.push(`  ${button.label}: ${link}`);
  }
  return { html: `<p style="margin:0 0 16px;line-height:3">${html}</p>`, text };
}

// Real links styled as buttons: large enough to tap (44 px), dark text on light for contrast, a border so
// they read as buttons without images; the label is the link text, so screen readers announce it.
const BUTTON_STYLE =
  'display:inline-block;min-height:44px;box-sizing:border-box;padding:10px 16px;margin:0 6px 8px 0;border:1px solid #1f6feb;border-radius:6px;background:#f6f8fa;color:#0b3d91;font-weight:600;text-decoration:none;line-height:22px';
const PRIMARY_STYLE =
  'display:inline-block;min-height:44px;box-sizing:border-box;padding:10px 16px;border-radius:6px;background:#1f6feb;color:#ffffff;font-weight:600;text-decoration:none;line-height:22px';

/** EDIT and the letter: the one long command a draft offers, its text encoded once (see composeDraftMail). */
const EDIT = 'EDIT\n\n';
const EDIT_ENCODED = mailtoText(EDIT);

/** The buttons under a draft: every command it offers, the ones that need more text prefilled as far as they can be. */
function draftButtons(caseRecord: Case, editCommand: string): CommandButton[] {
  const language = letterLanguage(caseRecord.inputs);
  const inviteLanguage = caseRecord.facts.style?.language ?? null;
  const other: LetterLanguage | null =
    language !== 'en' ? 'en' : inviteLanguage && inviteLanguage !== 'en' ? inviteLanguage : null;
  return [
    { label: 'Send it', command: 'SEND' },
    { label: 'Edit the text', command: editCommand, textCommand: EDIT },
    { label: 'Add a reason', command: 'REASON ' },
    { label: 'Offer an alternative', command: 'OFFER ' },
    { label: 'Change the contact', command: 'TO ' },
    ...(other ? [{ label: `Write it in ${LETTER_LANGUAGES[other].english}`, command: `LANG ${other}` }] : []),
    { label: 'Remind me tomorrow at 9', command: 'REMIND tomorrow 9am' },
    { label: 'Discard it', command: 'CANCEL' },
    { label: 'No more reminders', command: 'STOP' },
  ];
}

/** "German, as the invite is", for the user: the letter's language and where it came from. */
function languageLine(caseRecord: Case): string {
  const language = letterLanguage(caseRecord.inputs);
  const name = LETTER_LANGUAGES[language].english;
  const register =
    caseRecord.facts.style?.register === 'informal' && language !== 'en' ? ', informal like the invite' : '';
  const source =
    caseRecord.facts.style?.language === language ? `, the language of the invite${register}` : '';
  return `The letter is in ${name}${source}. Reply LANG and a code to change it (en, de, fr, es, it, nl, pt).`;
}

/** While the user's zone is unknown, times are in the interview's zone (or UTC), and the draft says so. */
const zoneUnknown = (user: CaseUser) => user.zoneFrom === 'interview' || user.zoneFrom === 'utc';

/** The line a draft carries while the user's zone is unknown: times are in `zone`, the interview's. */
export const zoneAssumedLine = (zone: string | null): string =>
  `I don't know your time zone yet, so times are shown in ${zone ? `the interview's (${zone})` : 'UTC'}. Reply ZONE and your city (for example ZONE Los Angeles) and I will use yours.`;

// The command list under every draft, in both parts: constant, so written once.
const COMMAND_HELP_TEXT = COMMAND_HELP.map((c) => `  ${c}`).join('\n');
const COMMAND_HELP_HTML = `<p>Or reply to this email with a command on the first line:</p><ul style="padding-left:20px">${COMMAND_HELP.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`;

function factLines(facts: InviteFacts, user: CaseUser): string[] {
  const userZone = user.timezone;
  const contact = facts.employer;
  const unsure = (...keys: string[]) => (keys.some((key) => facts.uncertain.includes(key)) ? CHECK : '');
  const who = contact.email ? `${contact.name ? `${contact.name} ` : ''}<${contact.email}>` : 'not found';
  const lines = [
    `Contact: ${who}${unsure('employer.email', 'employer.name')}`,
    `Company: ${contact.company ?? 'not found'}${contact.company ? unsure('employer.company') : ''}`,
    `Role: ${facts.role ?? 'not found'}${facts.role ? unsure('role') : ''}`,
  ];
  const { start, timezone, certain } = facts.interview;
  if (start) {
    // Each zone's clock is read once: what it shows and its offset come from the same reading.
    const mine = wallClock(start, userZone);
    const other = timezone && timezone !== userZone ? wallClock(start, timezone) : null;
    const theirs = other && other.offset !== mine.offset ? `; ${showWallClock(other)} for them` : '';
    const yours = showWallClock(mine);
    const whose = zoneUnknown(user) ? '' : ' your time';
    lines.push(`Interview: ${yours}${whose}${theirs}${certain ? '' : ' (partly assumed: please check)'}`);
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

/** The facts found but not stated plainly, which the user should check before sending. */
function uncertainLine(facts: InviteFacts): string | null {
  const labels = facts.uncertain
    .map((key) => UNCERTAIN_LABELS[key])
    .filter((label): label is string => Boolean(label));
  if (!labels.length) return null;
  return `Please check ${labels.join(', ')}: the invite does not state ${labels.length > 1 ? 'them' : 'it'} plainly, so I may have read ${labels.length > 1 ? 'them' : 'it'} wrong.`;
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
  const facts_ = factLines(facts, user);
  const missing = [missingLine(facts), zoneUnknown(user) ? zoneAssumedLine(facts.interview.timezone) : null]
    .filter(Boolean)
    .join(' ');
  const unsure = uncertainLine(facts);
  const guard = timeGuard(facts, now);
  // The letter is encoded for mailto: once, for the link to the employer and the EDIT button alike.
  const body = encodeCommand(draft.body);
  const mailtoHead = facts.employer.email ? mailtoStart(facts.employer.email, draft.subject) : null;
  const mailto = mailtoHead === null ? null : mailtoHead + body.encoded;
  const about = facts.employer.company ?? facts.role ?? 'your interview';
  const subject = headerSafe(`${heading}: ${about}`, 150);
  const language = languageLine(caseRecord);
  const editCommand = EDIT + draft.body;
  const buttons = renderButtons(
    draftButtons(caseRecord, editCommand),
    { address: replyAddress, subject },
    (command) =>
      command === editCommand
        ? { encoded: EDIT_ENCODED + body.encoded, escaped: EDIT_ENCODED + body.escaped }
        : encodeCommand(command),
  );

  // The text part, written in one string: each piece is a line, a blank line is an empty piece.
  let text = '';
  for (const line of intro) text += `${line}\n`;
  if (intro.length) text += '\n';
  text += 'Here is what I understood from the invite you forwarded:\n\n';
  for (const line of facts_) text += `  ${line}\n`;
  if (missing) text += `\n${missing}\n`;
  if (unsure) text += `\n${unsure}\n`;
  if (guard) text += `\n${guard}\n`;
  text += `\nYour cancellation, ready to send:\n\nSubject: ${draft.subject}\n\n${draft.body}\n\n---\n`;
  if (!caseRecord.inputs.edited) text += `${language}\n\n`;
  text += 'Reply to this email with a command on the first line:\n';
  text += COMMAND_HELP_TEXT;
  text += '\n\nOr tap one of these to answer with the command already written:\n';
  for (const line of buttons.text) text += `${line}\n`;
  text += mailto
    ? `\nOr send it yourself from your own mail app:\n${mailto}`
    : "\nTo send it yourself, reply TO with the employer's address first.";

  const html = layout(
    subject,
    [
      ...intro.map((line) => `<p><strong>${escapeHtml(line)}</strong></p>`),
      '<p>Here is what I understood from the invite you forwarded:</p>',
      `<ul style="padding-left:20px">${facts_.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
      ...[missing, unsure].map((line) =>
        line
          ? `<p style="background:#fff8c5;padding:8px 12px;border-radius:6px">${escapeHtml(line)}</p>`
          : '',
      ),
      guard
        ? `<p style="background:#ffebe9;padding:8px 12px;border-radius:6px">${escapeHtml(guard)}</p>`
        : '',
      '<p><strong>Your cancellation, ready to send:</strong></p>',
      `<div style="border-left:4px solid #d0d7de;padding:4px 12px;margin:0 0 16px"><p style="margin:0 0 12px"><em>${escapeHtml(draft.subject)}</em></p>${paragraphsToHtml(draft.body)}</div>`,
      buttons.html,
      mailtoHead === null
        ? ''
        : `<p><a href="${escapeHtml(mailtoHead) + body.escaped}" style="${PRIMARY_STYLE}">Send it myself from my mail app</a></p>`,
      caseRecord.inputs.edited ? '' : `<p>${escapeHtml(language)}</p>`,
      COMMAND_HELP_HTML,
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
 * address as Reply-To when it answers a command, and the commands it offers as one-tap buttons.
 */
export function composeNotice(
  notice: Notice,
  options: {
    to: string;
    sender: SenderIdentity;
    replyAddress?: string | null;
    buttons?: readonly CommandButton[];
  },
): OutgoingMail {
  const buttons =
    options.replyAddress && options.buttons?.length
      ? commandButtons(options.buttons, { address: options.replyAddress, subject: notice.subject })
      : null;
  const lines = buttons
    ? [...notice.lines, '', 'Tap to answer with the command already written:', ...buttons.text]
    : notice.lines;
  const text = lines.join('\n');
  return {
    from: { name: 'Bowout', address: options.sender.senderAddress },
    to: [options.to],
    cc: [],
    replyTo: options.replyAddress ? [options.replyAddress] : [],
    subject: headerSafe(notice.subject, 150),
    text,
    html: layout(notice.subject, paragraphsToHtml(notice.lines.join('\n')) + (buttons?.html ?? '')),
    inReplyTo: null,
    references: [],
    attachments: [],
    headers: {},
  };
}
