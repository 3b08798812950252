import type { MailboxRef } from '../mail/parse-mail.js';
import { isPlausibleAddress, isUnattendedAddress, normaliseAddress } from '../mail/sanitize.js';
import type { Contact } from '../model.js';
import type { OriginalMessage } from './find-original.js';
import type { CalendarFacts } from './read-calendar.js';

// Display names that name a team, a company or a system rather than a person.
const NOT_A_PERSON =
  /&|\b(team|careers?|jobs?|recruiting|recruitment|talent|hiring|hr|notifications?|no-?reply|alerts?|newsletter|calendar|scheduler|scheduling|support|info|admin|greenhouse|lever|workday|ashby|smartrecruiters|icims|calendly|goodtime|teamtailor|workable|hospitality|group|inc|ltd|llc|gmbh|ag|corp|company|bank|labs|technologies|solutions|systems|software|consulting|services|insurance|capital|holdings)\b/i;

/**
 * "Okafor, Daniel" → "Daniel Okafor"; "Hannah Cole (via Greenhouse)" → "Hannah Cole"; surrounding quotes
 * dropped, apostrophes inside names kept; "DANIEL OKAFOR" → "Daniel Okafor". Null when it is not a name.
 */
export function normaliseName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let name = raw
    .slice(0, 300)
    .replace(/^[\s"'“”‘’]+|[\s"'“”‘’]+$/g, '')
    .replace(/\s*\((via|from|at|through|on behalf of)\b[^)]*\)\s*/gi, ' ')
    .replace(/\s+(via|through)\s+\S.*$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  const lastFirst = name.match(/^([^,]+),\s*([^,]+)$/);
  if (lastFirst?.[1] && lastFirst[2] && !/\b(inc|ltd|llc|gmbh|plc|sa|ag)\b\.?$/i.test(lastFirst[2])) {
    name = `${lastFirst[2]} ${lastFirst[1]}`;
  }
  if (name === name.toUpperCase() && /[A-Z]{2}/.test(name)) {
    name = name
      .toLowerCase()
      .replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
  }
  if (name.includes('@') || name.length < 2 || !/\p{L}/u.test(name)) return null;
  return name.slice(0, 100);
}

/** A person's name, or null for "Contoso Careers" and "Greenhouse Notifications". */
function personName(raw: string | null | undefined): string | null {
  const name = normaliseName(raw);
  return name && !NOT_A_PERSON.test(name) ? name : null;
}

/** "hannah.cole@" → "Hannah Cole": only for the unambiguous first.last form. */
export function nameFromAddress(address: string): string | null {
  const local = address.split('@')[0] ?? '';
  const parts = local.split(/[._]/);
  if (parts.length !== 2 || parts.some((p) => !/^[a-z]{2,20}$/i.test(p))) return null;
  return parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1).toLowerCase()).join(' ');
}

// "reply to …", "write to …", "contact … at", "questions? …": an address the text asks the reader to use.
const WRITE_TO =
  /(?:reply|respond|write|e-?mail|contact|reach(?:\s+out)?|questions?|schreib|antwort|kontakt|écri|contact|répon|escrib|respond|contacto)[^\n@]{0,60}?\b([a-z0-9._%+-]{1,64}@[a-z0-9.-]{1,200}\.[a-z]{2,24})\b/gi;

function addressesTheTextAsksFor(body: string): string[] {
  const found: string[] = [];
  for (const match of body.slice(0, 50_000).matchAll(WRITE_TO)) {
    const address = normaliseAddress(match[1] ?? '');
    if (isPlausibleAddress(address) && !found.includes(address)) found.push(address);
    if (found.length >= 5) break;
  }
  return found;
}

/**
 * A name the text writes that spells the address's local part ("Anneke de Vries" for
 * anneke.devries@): particles and capitals as the person writes them, which no address shows.
 */
function nameFromText(address: string, body: string): string | null {
  const squashed = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
  const wanted = squashed(address.split('@')[0] ?? '');
  if (wanted.length < 5) return null;
  const NAME =
    /\p{Lu}[\p{L}'’-]+(?:[ \t]+(?:(?:de|van|von|der|den|da|di|del|la|le|du|ter|ten)[ \t]+){0,2}\p{Lu}[\p{L}'’-]+){1,2}/gu;
  for (const match of body.slice(0, 20_000).matchAll(NAME)) {
    if (squashed(match[0]) === wanted) return match[0];
  }
  return null;
}

/** Whether a display name plausibly belongs to an address (shares a token with its local part). */
function nameFitsAddress(name: string, address: string): boolean {
  const local = (address.split('@')[0] ?? '').toLowerCase();
  return name
    .toLowerCase()
    .split(/\s+/)
    .some((token) => token.length >= 3 && local.includes(token.normalize('NFD').replace(/\p{M}/gu, '')));
}

/**
 * Step: the contact is a person who will read the reply. In order of preference: the original's
 * Reply-To, the calendar organizer, an address the text says to write to, the original sender.
 * Addresses nobody reads (no-reply, notifications), the user's own and Bowout's are never chosen.
 * The name comes with the chosen address, or from another candidate's display name that fits it
 * ("Hannah Cole (via Greenhouse)" sending for hannah.cole@…), or from a first.last address.
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
  const chosen = candidates.find(
    (c) =>
      !isUnattendedAddress(c.address) &&
      c.address !== userAddress &&
      c.address !== ownDomain &&
      !c.address.endsWith(`@${ownDomain}`),
  );
  // No one to write to, but a person may still be named ("Hannah Cole (via Greenhouse)" from no-reply@).
  if (!chosen)
    return {
      name: candidates.map((c) => personName(c.name)).find((n) => n !== null) ?? null,
      email: null,
      company: null,
    };
  const ownName = personName(chosen.name);
  const borrowed = candidates
    .map((c) => personName(c.name))
    .find((name): name is string => name !== null && nameFitsAddress(name, chosen.address));
  return {
    name:
      ownName ?? borrowed ?? nameFromText(chosen.address, original.body) ?? nameFromAddress(chosen.address),
    email: chosen.address,
    company: null,
  };
}
