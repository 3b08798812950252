const FREE_MAIL =
  /^(gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|aol|proton|protonmail|gmx|web|mail|zoho|yandex|fastmail)\./i;
const ATS_DOMAINS =
  /(greenhouse|lever|workday|myworkday|smartrecruiters|ashbyhq|icims|jobvite|bamboohr|recruitee|teamtailor|workable|calendly|goodtime|taleo|successfactors)\./i;

function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

// Words that show a capture ran on into a sentence rather than stopping at the role's name.
const NOT_A_ROLE = /\b(is|are|was|will|be|scheduled|tomorrow|today|on|at)\b/i;

/** Step: the role, from "Interview for <role> at <company>"-shaped subjects and sentences. */
export function findRole(subject: string, body: string): string | null {
  const sources = [subject, body.slice(0, 5_000)];
  const patterns = [
    /(?:for|of)\s+the\s+([^\n,.|()]{3,60}?)\s+(?:position|role|opening|vacancy)\b/i,
    /interview(?:\s+invitation|\s+invite|\s+request)?\s*(?:for|:|–|-)\s*(?:the\s+)?(?:position\s+of\s+)?([^\n,.|()]+?)(?:\s+(?:position|role))?\s+(?:at|with|@)\s+/i,
    /(?:position|role|poste|stelle|puesto)\s*:\s*([^\n,|]{3,60})/i,
    /interview(?:\s+invitation)?\s*[:–-]\s*([^\n,|()]{3,60}?)\s*(?:[,|(–-]|$)/i,
    /interview with [^:\n]{2,40}:\s*([^\n,|()]{3,60})$/i,
  ];
  for (const text of sources) {
    for (const pattern of patterns) {
      const role = text.match(pattern)?.[1]?.trim();
      if (role && role.length >= 3 && !/^(your|our|an?|the)$/i.test(role) && !NOT_A_ROLE.test(role))
        return role.slice(0, 100);
    }
  }
  return null;
}

/** Step: the company, from "at <Company>" in the subject or text, else from the contact's domain. */
export function findCompany(subject: string, body: string, contactAddress: string | null): string | null {
  for (const text of [subject, body.slice(0, 5_000)]) {
    const named = text.match(/\b(?:at|with|bei|chez|en)[ \t]+([A-Z][\w&.'-]*(?:[ \t]+[A-Z][\w&.'-]*){0,3})/);
    const company = named?.[1]?.replace(/[.,]$/, '').trim();
    if (
      company &&
      !/^(The|Our|Your|This|That|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(company)
    )
      return company;
  }
  const domain = contactAddress?.split('@')[1];
  if (!domain || FREE_MAIL.test(domain) || ATS_DOMAINS.test(domain)) return null;
  const parts = domain.split('.');
  const label =
    parts.length >= 3 && /^(co|com|org|net|ac)$/.test(parts[parts.length - 2] ?? '')
      ? parts[parts.length - 3]
      : parts[parts.length - 2];
  return label ? titleCase(label) : null;
}
