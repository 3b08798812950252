/**
 * The invite extraction of the inbound function (parse the mail, understand the invite, read calendars,
 * find a time in text), as one module that the bundle-parity tier both imports as source and builds with
 * the production bundling definition (lib/bundling.ts) into a minified ESM bundle of its own.
 *
 * Why a dedicated entry, next to invoking the real inbound bundle (parity.test.ts does both): the handler's
 * only way in is an SES event, and its only way out a draft and a case in DynamoDB; a mail that is not an
 * invite leaves no facts to compare, a calendar file or a sentence cannot be sent at all, and a thousand
 * forwards would each need the stand-ins. This entry imports the very modules the handler imports and is
 * built with the very same options, so minification and bundling treat that code as in the handler
 * bundle, while what Lambda runs stays untouched: nothing is exported from the handler for the test.
 */
import { UnreadableMailError } from '../../functions/domain/errors.js';
import { findInterviewTime } from '../../functions/domain/invite/find-time.js';
import { readCalendar, readCalendarEvents } from '../../functions/domain/invite/read-calendar.js';
import { understandInvite } from '../../functions/domain/invite/understand-invite.js';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';

/** One input of a kind the extraction reads; raw mail travels as base64 so its bytes arrive intact. */
export type Probe =
  | { kind: 'mail'; id: string; base64: string }
  | { kind: 'calendar'; id: string; ics: string }
  | { kind: 'time'; id: string; text: string; referenceIso: string; offsetMinutes: number };

/** What was read, one entry per fact ("employer.email", "interview.certain"), so readings compare fact by fact. */
export type Facts = Record<string, unknown>;

/** Nested objects become dotted names; a list of plain values stays one fact ("missing"). */
function flatten(value: unknown, prefix = '', into: Facts = {}): Facts {
  const plainList = Array.isArray(value) && value.every((each) => each === null || typeof each !== 'object');
  if (value === null || typeof value !== 'object' || plainList) {
    into[prefix] = value;
    return into;
  }
  for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  return into;
}

async function readMail(base64: string): Promise<Facts> {
  try {
    const mail = await parseMail(Buffer.from(base64, 'base64'));
    // As `bowout extract` and the inbound function read it: the forwarding user is the mail's sender.
    const { facts, isInvite, note } = understandInvite(mail, {
      userAddress: mail.from?.address ?? '',
      ownDomain: 'bowout.localhost',
    });
    return flatten({ isInvite, note, ...facts });
  } catch (error) {
    if (error instanceof UnreadableMailError) return { refused: error.name };
    throw error;
  }
}

export async function readProbe(probe: Probe): Promise<Facts> {
  switch (probe.kind) {
    case 'mail':
      return readMail(probe.base64);
    case 'calendar':
      return flatten({
        invitation: readCalendar(probe.ics, null),
        events: readCalendarEvents(probe.ics, null),
      });
    case 'time':
      return flatten({ time: findInterviewTime(probe.text, probe.referenceIso, probe.offsetMinutes) });
  }
}

/** Reads every probe in order; what crosses a process boundary is JSON, so the result is JSON-shaped. */
export async function readProbes(probes: Probe[]): Promise<Facts[]> {
  const facts: Facts[] = [];
  for (const probe of probes) facts.push(await readProbe(probe));
  return JSON.parse(JSON.stringify(facts)) as Facts[];
}
