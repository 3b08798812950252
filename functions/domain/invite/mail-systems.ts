import { asWordTree } from './word-tree.js';

/**
 * What an address says about who reads it: free mail (anyone's), a tracking or scheduling system's relay
 * (nobody at the employer reads the address itself), a team mailbox (someone does, but not a named
 * person), or a person's own mailbox.
 */

const FREE_MAIL = asWordTree(
  /^(gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|mac|aol|proton|protonmail|pm|gmx|web|mail|zoho|zohomail|yandex|fastmail|fastmail\.fm|hey|tutanota|orange|free|laposte|t-online|libero|seznam|wp|o2|onet|interia|qq|163|126|sina|yeah|naver|daum|rediffmail|bigpond|optusnet|shaw|rogers|sympatico|btinternet|sky|virginmedia|aon|bluewin|telenet|skynet|ziggo|kpnmail|planet|xs4all|uol|bol|terra|ig|sapo|telia|bredband|comhem|outlook\.jp|docomo|ezweb|softbank)\./i,
);

/** Domains tracking systems, schedulers and meeting tools send from: their addresses are relays. */
const RELAY_DOMAINS = asWordTree(
  /(^|\.)(greenhouse|greenhouse-mail|lever|hire\.lever|workday|myworkday|myworkdayjobs|smartrecruiters|smartrecruiters-mail|ashbyhq|icims|jobvite|bamboohr|recruitee|teamtailor|teamtailor-mail|workable|workablemail|calendly|goodtime|modernloop|taleo|successfactors|personio|breezy|breezyhr|jazzhr|applytojob|rippling|gem|paradox|hirevue|modernhire|varbi|softgarden|join|jobylon|homerun|pinpointhq|comeet|manatal|zoho-recruit|zohorecruit|welcomekit|flatchr|factorial|kenjo|webex|zoom|gotomeeting|whereby|calendar-notification|bookings|onmicrosoft|doodle|youcanbook|hubspot|hs-mail|mailgun|sendgrid|mandrillapp|amazonses|sparkpostmail)\.[a-z.]+$/i,
);

// Local parts of shared mailboxes: a team, a function or a system rather than one person. The long,
// distinctive words count inside a part ("coromandelinterviews", "talentscheduling"); short ones only whole.
const TEAM_WORD = asWordTree(
  /(?:jobs|careers?|karriere|carriere|carreras?|recruit\w*|rekry\w*|rekrut\w*|reclut\w*|recrut\w*|talent\w*|interviews?|scheduling|hiring|applications?|bewerbung\w*|empleo|vagas|kariera|graduates?|earlycareers|personale|personnel)$/,
);
const TEAM_PART = asWordTree(
  /^(?:job|jobb|hr|rh|rrhh|people|personal|apply|campus|team|info|office|admin|contact|hello|service|support|kontakt|schedule|emea|uk|us|eu|de|fr|nl)$/,
);

export function domainOf(address: string | null | undefined): string | null {
  // What follows the first "@", up to a second one if any (as split('@')[1] reads it), without an array.
  const at = address?.indexOf('@') ?? -1;
  if (!address || at < 0) return null;
  const next = address.indexOf('@', at + 1);
  return address.slice(at + 1, next < 0 ? address.length : next).toLowerCase();
}

export function isFreeMail(address: string | null | undefined): boolean {
  const domain = domainOf(address);
  return domain !== null && FREE_MAIL.test(domain);
}

/** An address at a tracking system, scheduler or meeting tool: nobody at the employer reads it. */
export function isRelay(address: string | null | undefined): boolean {
  const domain = domainOf(address);
  return domain !== null && RELAY_DOMAINS.test(domain);
}

/** jobs@, careers-emea@, coromandelinterviews@, talent.scheduling@: a shared mailbox, not a person's. */
export function isTeamMailbox(address: string): boolean {
  const local = (address.split('@')[0] ?? '').toLowerCase();
  const parts = local.split(/[._+-]/).filter(Boolean);
  if (parts.some((part) => TEAM_WORD.test(part))) return true;
  return parts.length > 0 && parts.every((part) => TEAM_PART.test(part));
}

// Local parts of a calendar account a scheduler books interviews from ("interviews@", "scheduling@").
const SCHEDULING_ACCOUNT = asWordTree(
  /^(?:interviews?|interviewscheduling|scheduling|scheduler|schedule|calendar|calendars|invites?|events?|meetings?|bookings?)$/,
);

/**
 * The calendar account a scheduling system writes events from: its organizer, when the event is the
 * system's own (its UID at the system's domain) and the mailbox is named for scheduling. Nobody answers it.
 */
export function isSchedulerCalendarAccount(organizer: string, eventUid: string | null): boolean {
  const at = eventUid?.lastIndexOf('@') ?? -1;
  if (!eventUid || at < 0 || !isRelay(`x${eventUid.slice(at)}`)) return false;
  const local = (organizer.split('@')[0] ?? '').toLowerCase().replace(/[._+-]/g, '');
  return SCHEDULING_ACCOUNT.test(local);
}

// Local parts of mass mail: newsletters and alerts, which nobody reads a reply to.
const BULK_PART = asWordTree(
  /^(?:newsletters?|news|nyhetsbrev|nieuwsbrief|infolettre|boletin|alerts?|alertes?|alerta|jobalerts?|jobagent|jobalarm|digest|marketing|mailing|campaigns?|promo|updates)$/,
);

/** newsletter@, alertes@, jobalerts@: mass mail, not anyone who answers. */
export function isBulkMailbox(address: string): boolean {
  const parts = (address.split('@')[0] ?? '').toLowerCase().split(/[._+-]/);
  return parts.some((part) => BULK_PART.test(part));
}

/**
 * The label of the domain that names the organisation: "northwind-analytics" for
 * priya@northwind-analytics.com, "brightlane" for daniel@brightlane.co.uk. Null for free mail and relays.
 */
export function organisationLabel(address: string | null | undefined): string | null {
  const domain = domainOf(address);
  if (!domain || FREE_MAIL.test(domain) || RELAY_DOMAINS.test(domain)) return null;
  const parts = domain.split('.');
  const secondLevel =
    parts.length >= 3 &&
    /^(co|com|org|net|ac|gov|edu|ind|ltd|plc|gob|nic|or|ne|go)$/.test(parts.at(-2) ?? '');
  return parts[parts.length - (secondLevel ? 3 : 2)] ?? null;
}
