/**
 * The peer: what a developer would glue together instead of Bowout's reader, from the same libraries
 * Bowout depends on. postal-mime parses the mail (an attached original message is parsed in turn),
 * email-forward-parser finds the forwarded message in the text, and chrono-node reads the first date with
 * a time in it, against the original's date. The company is the sender's domain; no role is read (none of
 * the three libraries reads one); the zone is the offset chrono read, when it read one.
 *
 * It lives in bench/ only: it is the yardstick, never a fallback.
 */
import * as chrono from 'chrono-node';
import EmailForwardParser from 'email-forward-parser';
import PostalMime, { type Email } from 'postal-mime';

/** The facts every reader is scored on (see accuracy.ts). */
export interface ReadFacts {
  email: string | null;
  name: string | null;
  company: string | null;
  role: string | null;
  start: string | null;
  zone: string | null;
  /** Whether the reader presents its time as sure (the peer never says otherwise). */
  certain: boolean;
}

const forwardParser = new EmailForwardParser();

/** The attached original, when the mail was forwarded as an attachment. */
async function attachedOriginal(mail: Email): Promise<Email | null> {
  const attached = mail.attachments.find((attachment) => attachment.mimeType === 'message/rfc822');
  return attached ? PostalMime.parse(attached.content) : null;
}

/** "acme-robotics.co.uk" → "Acme-robotics": the label before the public suffix, capitalised. */
function companyOf(address: string | null): string | null {
  const domain = address?.split('@')[1]?.toLowerCase();
  if (!domain) return null;
  const labels = domain.split('.');
  const suffix = labels.length > 2 && (labels.at(-2)?.length ?? 0) <= 3 ? 2 : 1;
  const label = labels.at(-1 - suffix);
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : null;
}

/** A bare UTC offset as the peer can name it ("UTC-05:00"). */
function offsetName(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export async function peerRead(raw: Buffer): Promise<ReadFacts> {
  const outer = await PostalMime.parse(raw);
  const mail = (await attachedOriginal(outer)) ?? outer;
  const text = mail.text ?? (mail.html ?? '').replace(/<[^>]*>/g, ' ');
  const forward = mail === outer ? forwardParser.read(text, mail.subject ?? null) : null;
  const original = forward?.forwarded ? forward.email : null;
  const from = original
    ? original.from
    : { name: mail.from?.name ?? null, address: mail.from?.address ?? null };
  const body = original?.body ?? text;
  const written = original?.date ? chrono.parseDate(original.date) : null;
  const reference = written ?? (mail.date ? new Date(mail.date) : new Date());
  const dated = chrono
    .parse(body, reference, { forwardDate: true })
    .find((result) => result.start.isCertain('hour') && result.start.isCertain('day'));
  const offset = dated?.start.isCertain('timezoneOffset') ? dated.start.get('timezoneOffset') : null;
  return {
    email: from.address || null,
    name: from.name || null,
    company: companyOf(from.address),
    role: null,
    start: dated ? dated.start.date().toISOString() : null,
    zone: offset === null || offset === undefined ? null : offsetName(offset),
    certain: dated !== undefined,
  };
}
