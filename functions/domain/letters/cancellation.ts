import { formatDay } from '../invite/zones.js';
import { headerSafe } from '../mail/sanitize.js';
import type { Draft, InviteFacts } from '../model.js';

interface CancellationOptions {
  /** The user's name, to sign with. */
  signature: string | null;
  /** A brief reason, only when the user gave one. */
  reason?: string | null;
  /** An alternative to offer, only when the user asked for one. */
  offer?: string | null;
}

// Words that show a line of the note is addressed to Bowout, not a reason for the employer.
const INSTRUCTION =
  /\b(please|pls|cancel|bowout|draft|help|thanks|thank you|fyi|see below|forward|can you|could you)\b/i;
const REASON_LABEL = /^\s*(?:reason|grund|raison|motivo)\s*[:：-]\s*(.{3,300})$/im;

/**
 * A brief reason from the user's note above the forward: a "Reason: …" line, or a first-person
 * sentence ("I have accepted another offer") that is not an instruction to Bowout. Null otherwise:
 * the cancellation gives no reason unless the user gave one.
 */
export function reasonFromNote(note: string): string | null {
  const text = note.slice(0, 2_000);
  const labelled = text.match(REASON_LABEL)?.[1]?.trim();
  if (labelled) return labelled;
  for (const part of text.split(/(?<=[.!?])\s+|\n+|,\s*(?=please\b)/i)) {
    const sentence = part.trim();
    if (
      /^I(?:'ve|’ve| have| am|'m|’m| decided| accepted| found| got| will)\b/.test(sentence) &&
      !INSTRUCTION.test(sentence) &&
      sentence.length <= 200
    ) {
      return sentence.replace(/[.!]+$/, '');
    }
  }
  return null;
}

/** The first word of a name, when it reads as a given name ("Priya" of "Priya Natarajan"). */
export function firstName(name: string | null): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first && /^[\p{L}][\p{L}'’-]*$/u.test(first) ? first : null;
}

function sentence(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** "Re: <original subject>", or a plain subject when the original one is unknown. */
function replySubject(facts: InviteFacts): string {
  const original = facts.originalSubject ? headerSafe(facts.originalSubject, 180) : null;
  if (original) return /^re:/i.test(original) ? original : `Re: ${original}`;
  const role = facts.role ? ` for the ${headerSafe(facts.role, 80)} role` : '';
  return `Withdrawing from the interview${role}`;
}

/**
 * The cancellation, written the way a careful professional would: thanks first, a clear withdrawal
 * naming the role and the interview, an apology for the inconvenience, a reason or an offer only when
 * the user gave one, and a warm close that leaves the door open. Nothing negative, no placeholders.
 */
export function writeCancellation(facts: InviteFacts, options: CancellationOptions): Draft {
  const greetingName = firstName(facts.employer.name);
  const company = facts.employer.company;
  const role = facts.role;
  const position =
    role && company
      ? `the ${role} position at ${company}`
      : role
        ? `the ${role} position`
        : company
          ? `the position at ${company}`
          : 'the position';
  const when =
    facts.interview.start && facts.interview.timezone
      ? ` on ${formatDay(facts.interview.start, facts.interview.timezone)}`
      : '';

  const paragraphs = [
    greetingName ? `Dear ${greetingName},` : company ? `Dear ${company} hiring team,` : 'Hello,',
    `Thank you very much for the invitation to interview for ${position}, and for the time you have put into my application.`,
    `After careful consideration, I have decided to withdraw from the process, so I will not attend the interview${when}.${options.reason ? ` ${sentence(options.reason)}` : ''} I wanted to let you know as soon as possible, and I apologise for any inconvenience this may cause.`,
  ];
  if (options.offer) {
    paragraphs.push(
      `If it would be of interest, I would be glad to talk about ${sentence(options.offer).replace(/^./, (c) => c.toLowerCase())}`,
    );
  }
  paragraphs.push(
    `I have genuinely appreciated learning about ${company ?? 'your team'}, and I hope our paths cross again in the future.`,
    'Thank you again for your time and consideration.',
    `Kind regards,\n${options.signature?.trim() || ''}`.trimEnd(),
  );
  return { subject: replySubject(facts), body: paragraphs.join('\n\n') };
}
