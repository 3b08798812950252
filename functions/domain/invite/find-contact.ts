import type { MailboxRef } from '../mail/parse-mail.js';
import { isPlausibleAddress, isUnattendedAddress, normaliseAddress } from '../mail/sanitize.js';
import type { Contact } from '../model.js';
import type { OriginalMessage } from './find-original.js';
import type { CalendarFacts } from './read-calendar.js';

/** "Okafor, Daniel" → "Daniel Okafor"; "Hannah Cole (via Greenhouse)" → "Hannah Cole"; quotes dropped. */
export function normaliseName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let name = raw
    .replace(/["'“”]/g, '')
    .replace(/\s*\((via|from|at|through)\b[^)]*\)\s*/gi, ' ')
    .replace(/\s+via\s+\S+.*$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  const lastFirst = name.match(/^([^,]+),\s*([^,]+)$/);
  if (lastFirst?.[1] && lastFirst[2] && !/\b(inc|ltd|llc|gmbh)\b/i.test(lastFirst[2]))
    name = `${lastFirst[2]} ${lastFirst[1]}`;
  if (name.includes('@') || name.length < 2) return null;
  return name.slice(0, 100);
}

const WRITE_TO =
  /(?:reply|write|email|e-mail|contact|reach out|questions?)[^.\n]{0,60}?\b([a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,})/gi;

function addressesTheTextAsksFor(body: string): string[] {
  const found: string[] = [];
  for (const match of body.slice(0, 50_000).matchAll(WRITE_TO)) {
    const address = normaliseAddress(match[1] ?? '');
    if (isPlausibleAddress(address)) found.push(address);
  }
  return found;
}

/**
 * Step: the contact is a person who will read the reply. In order of preference: the original's
 * Reply-To, the calendar organizer, an address the text says to write to, the original sender.
 * Addresses nobody reads (no-reply, notifications) are never chosen, nor the user's own address.
 */
export function findContact(
  original: OriginalMessage,
  calendar: CalendarFacts | null,
  userAddress: string,
  ownDomain: string,
): Contact {
  const candidates: MailboxRef[] = [
    ...original.replyTo,
    ...(calendar?.organizer ? [calendar.organizer] : []),
    ...addressesTheTextAsksFor(original.body).map((address) => ({ name: null, address })),
    ...(original.from ? [original.from] : []),
  ];
  const usable = candidates.find(
    (c) =>
      !isUnattendedAddress(c.address) && c.address !== userAddress && !c.address.endsWith(`@${ownDomain}`),
  );
  // A name from a no-reply sender ("Hannah Cole via Greenhouse") still names the person.
  const nameSource = usable?.name
    ? usable
    : (candidates.find((c) => c.name && c.address === usable?.address) ?? original.from);
  return {
    name: normaliseName(usable?.name ?? nameSource?.name ?? null),
    email: usable?.address ?? null,
    company: null,
  };
}
