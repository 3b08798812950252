import type { ParsedMail } from '../mail/parse-mail.js';
import type { Contact } from '../model.js';
import { decide, type FactReading, sameName, squash, type WhoSources } from './evidence.js';
import { readCompany } from './find-company.js';
import { employerText, NAME_THRESHOLDS, readContact } from './find-contact.js';
import type { OriginalMessage } from './find-original.js';
import { readRole } from './find-role.js';
import type { CalendarFacts } from './read-calendar.js';

/**
 * Steps 5 and 6 of understanding an invite: who to write to, at which company, about which role. Each
 * reader weighs its own candidates; here they meet: the contact's address tells the company's domain,
 * the company and the people are kept out of each other, and the role is read without the company.
 */
export function readWho(
  mail: ParsedMail,
  original: OriginalMessage,
  calendar: CalendarFacts | null,
  subject: string,
  options: { userAddress: string; ownDomain: string },
): { contact: Contact; role: string | null; sources: WhoSources } {
  const thread = original.thread ?? [];
  const byUser = thread.find((m) => m.original)?.byUser ?? false;
  const who = readContact({
    original,
    calendar,
    userAddresses: [
      options.userAddress,
      // Whom the employer wrote to is the user; whom the user wrote to is not.
      ...(byUser ? [] : (original.to ?? []).map((m) => m.address)),
      ...thread.flatMap((m) => (m.byUser && m.from ? [m.from.address] : [])),
    ],
    ownDomain: options.ownDomain,
  });
  const userName = mail.from?.name ?? null;
  const text = employerText(original);
  const company = readCompany({
    subject,
    calendarSummary: calendar?.summary ?? null,
    text,
    body: original.body,
    calendarDescription: calendar?.description ?? null,
    senders: [
      ...original.replyTo,
      ...(original.from ? [original.from] : []),
      ...(calendar?.organizer ? [calendar.organizer] : []),
    ],
    contactAddress: who.contact.email,
    // Neither the candidate nor the contact is the company ("Screen with Jamie Park"); a name that came
    // without an address may be the company's own, sent through a tracking system.
    people: [userName, who.email.value ? who.contact.name : null],
  });
  const name = notTheCompany(who.name, company.value);
  const role = readRole({
    subject,
    calendarSummary: calendar?.summary ?? null,
    text,
    older: thread
      .filter((m) => !m.byUser && !m.original)
      .map((m) => m.text)
      .join('\n\n'),
    company: company.value,
    people: [userName, name.value],
  });
  return {
    contact: { name: name.value, email: who.email.value, company: company.value },
    role: role.value,
    sources: { email: who.email, name, company, role },
  };
}

/**
 * A display name that is the company's ("Älvstranden Tandvård via Varbi") is not the contact's name:
 * the next best name stands, or none.
 */
function notTheCompany(name: FactReading, company: string | null): FactReading {
  if (!name.value || !company || !isCompanyName(name.value, company)) return name;
  return decide(
    name.candidates.filter((c) => !isCompanyName(c.value, company)),
    NAME_THRESHOLDS,
  );
}

/**
 * The company may start with the name ("Älvstranden Tandvård AB"); a name that only starts with the
 * company ("Mark Delaney" beside a company read as "Mark") is still a person's.
 */
function isCompanyName(value: string, company: string): boolean {
  return squash(company).startsWith(squash(value)) && sameName(value, company);
}
