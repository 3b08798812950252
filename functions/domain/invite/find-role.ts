/**
 * Steps: the role and the company, each read from the most reliable place first. Every pattern is
 * anchored on a keyword and bounded in length, so a hostile megabyte of text costs a linear scan.
 */

const FREE_MAIL =
  /^(gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|mac|aol|proton|protonmail|pm|gmx|web|mail|zoho|yandex|fastmail|hey|tutanota|orange|free|laposte|t-online|libero|seznam|wp|qq|163)\./i;
const ATS_DOMAINS =
  /(^|\.)(greenhouse|greenhouse-mail|lever|hire\.lever|workday|myworkday|myworkdayjobs|smartrecruiters|ashbyhq|icims|jobvite|bamboohr|recruitee|teamtailor|workable|calendly|goodtime|taleo|successfactors|personio|breezy|jazzhr|rippling|gem|paradox|hirevue|modernhire)\./i;

// Words that show a capture ran on into a sentence rather than stopping at the role's name.
const NOT_A_ROLE =
  /\b(is|are|was|will|be|been|scheduled|tomorrow|today|on|at|you|your|we|our|us|this|that|next|week|interview|invitation)\b/i;
const ROLE_MAX = 80;

function cleanRole(raw: string | undefined): string | null {
  const role = raw
    ?.replace(/\s+/g, ' ')
    .replace(/^(the|a|an|our|le|la|el|der|die|das)\s+/i, '')
    .replace(/\s*[([].*$/, '')
    .replace(/[.,:;!–-]+$/, '')
    .trim();
  if (!role || role.length < 3 || role.length > ROLE_MAX || NOT_A_ROLE.test(role)) return null;
  return role;
}

// Ordered: the most explicit phrasings first. Each captures the role's name only.
const ROLE_PATTERNS = [
  /\b(?:for|of)\s+the\s+([^\n,.|()]{3,80}?)\s+(?:position|role|opening|vacancy|job)\b/i,
  /\b(?:position|role|job title|poste|stelle|puesto|posición|funzione|vacature)\s*[:：]\s*([^\n,|]{3,80})/i,
  /\b(?:position|role|poste|puesto|stelle)\s+(?:of|as|de|d'|als|como)\s+([^\n,.|()]{3,80}?)(?:\s+(?:at|with|in|bei|chez|en|à)\s|[\n,.|()]|$)/i,
  /\binterview(?:\s+invitation|\s+invite|\s+request)?\s*(?:for|:|–|-)\s*(?:the\s+)?([^\n,.|()@]{3,80}?)(?:\s+(?:position|role))?\s+(?:at|with|@)\s+/i,
  /\binterview(?:\s+invitation)?\s*[:–-]\s*([^\n,|()@]{3,80}?)\s*(?:[,|(@–-]|$)/im,
  /\binterview with [^:\n]{2,40}:\s*([^\n,|()]{3,80})$/im,
  /\b(?:vorstellungsgespräch|gespräch)\s+(?:als|für die position|für)\s+([^\n,.|()]{3,80}?)(?:\s+(?:bei|in)\s|[\n,.|()]|$)/i,
  /\bentretien\s+(?:pour le poste de|pour le poste d'|pour)\s+([^\n,.|()]{3,80}?)(?:\s+(?:chez|à)\s|[\n,.|()]|$)/i,
  /\bentrevista\s+(?:para el puesto de|para)\s+([^\n,.|()]{3,80}?)(?:\s+(?:en|con)\s|[\n,.|()]|$)/i,
  /\bnext steps?\s+for\s+(?:the\s+)?([^\n,.|()]{3,80}?)\s+(?:role|position)\b/i,
];

/** Step: the role, from the subject first, then the calendar title, then the text. */
export function findRole(
  subject: string,
  body: string,
  calendarSummary: string | null = null,
): string | null {
  for (const text of [subject, calendarSummary ?? '', body.slice(0, 8_000)]) {
    if (!text) continue;
    for (const pattern of ROLE_PATTERNS) {
      const role = cleanRole(text.match(pattern)?.[1]);
      if (role) return role;
    }
  }
  return null;
}

const COMPANY_WORD = "[A-Z0-9][\\w&.'’-]{0,40}";
const COMPANY = `(${COMPANY_WORD}(?:[ \\t]+(?:&[ \\t]+)?${COMPANY_WORD}){0,3})`;
const NOT_A_COMPANY =
  /^(The|Our|Your|This|That|We|I|You|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Zoom|Google Meet|Teams|Microsoft Teams|Skype|Webex|Please|Thanks|Best|Regards|AM|PM|[0-9].*)$/;
const COMPANY_SUFFIX = /[ \t]+(?:team|careers|recruiting|talent team|hr)$/i;

function cleanCompany(raw: string | undefined): string | null {
  const company = raw
    ?.replace(/[.,;:]+$/, '')
    .replace(COMPANY_SUFFIX, '')
    .trim();
  if (!company || company.length < 2 || NOT_A_COMPANY.test(company)) return null;
  return company;
}

const COMPANY_PATTERNS = [
  new RegExp(`(?:^|\\s)@[ \\t]*${COMPANY}`),
  new RegExp(`\\b(?:at|with|bei|chez|en|presso|bij)[ \\t]+${COMPANY}`),
  new RegExp(`\\b(?:join|joining|from)[ \\t]+${COMPANY}`),
];

/** "Contoso Careers" / "Northwind Talent Team" → the company in a sender's display name. */
function companyFromDisplayName(name: string | null | undefined): string | null {
  const match = name?.match(
    /^(.{2,60}?)[ \t]+(?:careers|jobs|recruiting|recruitment|talent(?: acquisition)?(?: team)?|hiring(?: team)?|hr|people team)$/i,
  );
  return cleanCompany(match?.[1]);
}

/** A signature line "Title, Company" or "Title | Company" right after the sender's name. */
function companyFromSignature(body: string): string | null {
  const tail = body.slice(-1_500);
  const match = tail.match(
    /\n(?:[A-Z][\w .'’-]{1,60}\n)?(?:[A-Z][\w &/'’-]{2,60}?)(?:,|\s\|)[ \t]*([A-Z][\w&.'’ -]{1,50})[ \t]*(?:\n|$)/,
  );
  return cleanCompany(match?.[1]);
}

function companyFromDomain(address: string | null): string | null {
  const domain = address?.split('@')[1]?.toLowerCase();
  if (!domain || FREE_MAIL.test(domain) || ATS_DOMAINS.test(domain)) return null;
  const parts = domain.split('.');
  const secondLevel =
    /^(co|com|org|net|ac|gov|edu)$/.test(parts[parts.length - 2] ?? '') && parts.length >= 3;
  const label = parts[parts.length - (secondLevel ? 3 : 2)];
  if (!label) return null;
  return label
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * Step: the company. Stated beats guessed: the subject or calendar title ("… at Fabrikam", "@ Fabrikam"),
 * a "… Careers" sender name, the text, the signature, and only then the contact's own domain.
 */
export function findCompany(
  subject: string,
  body: string,
  contactAddress: string | null,
  options: { calendarSummary?: string | null; senderName?: string | null } = {},
): string | null {
  for (const text of [subject, options.calendarSummary ?? '']) {
    for (const pattern of COMPANY_PATTERNS) {
      const company = cleanCompany(text.match(pattern)?.[1]);
      if (company) return company;
    }
  }
  const fromSender = companyFromDisplayName(options.senderName);
  if (fromSender) return fromSender;
  const head = body.slice(0, 5_000);
  for (const pattern of COMPANY_PATTERNS.slice(1)) {
    const company = cleanCompany(head.match(pattern)?.[1]);
    if (company) return company;
  }
  return companyFromSignature(body) ?? companyFromDomain(contactAddress);
}
