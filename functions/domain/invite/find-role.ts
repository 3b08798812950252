/**
 * Steps: the role and the company, each read from the most reliable place first: the subject (split
 * into its segments), the calendar title, explicit phrases in the text in several languages, the
 * signature, and only then the contact's domain. Every pattern is anchored on a keyword and bounded,
 * so a hostile megabyte of text costs a linear scan.
 */

const FREE_MAIL =
  /^(gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|mac|aol|proton|protonmail|pm|gmx|web|mail|zoho|yandex|fastmail|hey|tutanota|orange|free|laposte|t-online|libero|seznam|wp|qq|163)\./i;
const ATS_DOMAINS =
  /(^|\.)(greenhouse|greenhouse-mail|lever|hire\.lever|workday|myworkday|myworkdayjobs|smartrecruiters|ashbyhq|icims|jobvite|bamboohr|recruitee|teamtailor|workable|calendly|goodtime|taleo|successfactors|personio|breezy|jazzhr|rippling|gem|paradox|hirevue|modernhire)\./i;

/** Words for an interview or an invitation to one, in the languages Bowout reads. */
export const INTERVIEW_WORD =
  /\b(interviews?|calls?|screen(?:ing)?|onsite|on-site|round|chat|meeting|invitation|invite|confirmed|confirmation|reminder|next steps?|entrevista|colloquio|entretien|gespräch|vorstellungsgespräch|zweitgespräch|erstgespräch|kennenlernen|einladung|termin|sollicitatiegesprek|gesprek|kennismaking|uitnodiging|invitación|convite|convocatoria|convocação|rendez-vous|conoscitivo|tweede|eerste|final|technical|technisches|technique|técnica|second-round|first-round|panel)\b/iu;

/** Fragments of job titles: enough that a segment holding one reads as a role, not a name or company. */
const ROLE_WORD =
  /(engineer|develop|manag|design|analy|analis|scien|architect|consult|specialist|coordinat|director|lead|head of|intern\b|associate|controller|accountant|recruit|administrat|officer|assistant|advis|representative|technician|nurse|teacher|entwickl|ingenieur|leit|berat|zeichner|referent|sachbearbeit|desarroll|ingenier|diseñ|desenvolv|sviluppat|ingegner|développ|ingénieur|chef de|medewerker|ontwikkel|programm|product owner|marketing|sales|buyer|planner|writer|editor|researcher|trainee|werkstudent|junior|senior|staff|principal|partner|responsable|chargée?|gerente|jefe|comercial|compras|vendedor|cajer|camarer|enfermer|profesor|insegnante|stagiair|stagiaire|praktikant)/i;

/** What is left of "Recruiter Screen" or "Hiring Manager Interview": the kind of interview. */
const INTERVIEW_KIND =
  /^(recruiter|hiring manager|phone|video|team|culture|technical|hr|onsite|final|panel|coding|system design|behavioral|behavioural)$/i;

/** A job title rather than a company: "Responsable e-commerce", "Senior Engineer" ("Northwind Analytics" is fine). */
const LOOKS_LIKE_ROLE =
  /^(?:responsable|chargée?|gerente|jefe|jefa|analista|desarrollador|desarrolladora|desenvolvedor|desenvolvedora|sviluppatore|ingeniero|ingegnere|développeur|ingénieur|chef de|senior|junior|lead|head of)\b|(?:engineer|developer|manager|designer|analyst|scientist|architect|consultant|specialist|coordinator|director|lead|intern|associate|controller|accountant|recruiter|administrator|officer|assistant|advisor|representative|technician|partner)s?$/i;

const ROLE_MAX = 80;
// Where a role phrase ends and the sentence goes on: "… bei Kessler", "… am Dienstag", "… na Ipê".
const ROLE_STOP =
  /\s+(?:at|with|bei|bij|presso|chez|na|no|en|in|am|on|op|le|el|il|i|para|pour|för|for|to|from|starting|von|vom|del)\s+.*$/i;
const NOT_A_ROLE = /\b(is|are|was|will|be|been|scheduled|tomorrow|today|you|your|we|our|us|this|that)\b/i;

function cleanRole(raw: string | undefined): string | null {
  const role = raw
    ?.replace(/\s+/g, ' ')
    .replace(ROLE_STOP, '')
    .replace(/^(?:the|a|an|our|le|la|el|der|die|das|de|het|il|lo|o)\s+/i, '')
    .replace(/\s*\((?:m\/w\/d|w\/m\/d|m\/f\/d|f\/m\/x|h\/f|m\/f)\)/gi, '')
    .replace(/\s*[([].*$/, '')
    .replace(/[.,:;!–—-]+$/, '')
    .trim();
  if (!role || role.length < 3 || role.length > ROLE_MAX || NOT_A_ROLE.test(role)) return null;
  return role;
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Lower-case letters and digits only, accents dropped: for comparing a name with a domain. */
function squashed(text: string): string {
  return stripAccents(text)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** "Invitation: <title> @ Thu 8 Oct 2026 10:00 - 11:00 (CEST) (someone@x)" → "<title>". */
function calendarTitle(subject: string): string {
  const match = subject.match(
    /^(?:updated\s+)?(?:invitation|einladung|invitación|invitation mise à jour|uitnodiging|invito|convite)\s*:\s*(.{2,200}?)\s+@\s+\S.*$/i,
  );
  return match?.[1] ?? subject;
}

/** The parts of a subject between dashes, colons and bars, without interview words. */
function subjectSegments(subject: string): string[] {
  return calendarTitle(subject)
    .split(/\s+[–—|-]\s+|\s*[:|]\s+/)
    .map((segment) => segment.trim())
    .filter(Boolean);
}

/** A segment with its leading interview words removed: "Einladung Vorstellungsgespräch X" → "X". */
function withoutInterviewWords(segment: string): string {
  let rest = segment;
  for (let i = 0; i < 4; i++) {
    const next = rest
      .replace(
        /^(?:tomorrow'?s|today'?s|your|our|the|zum|zur|zu|voor|pour|para|per|for|für|de|di|a|an|un|une|una|um)\s+/i,
        '',
      )
      .replace(new RegExp(`^${INTERVIEW_WORD.source}[\\s,]*`, 'iu'), '')
      .replace(new RegExp(`[\\s,]*${INTERVIEW_WORD.source}$`, 'iu'), '')
      .replace(
        /^(?:(?:for\s+)?the|para\s+el|el|la|le|die|de|het)?\s*(?:puesto|position|posición|poste|stelle|vaga|posizione|vacature|functie|role|função)\s+(?:de|of|als|di|van|da|do|für)?\s*/i,
        '',
      )
      .trim();
    if (next === rest) break;
    rest = next;
  }
  return rest;
}

/** Roles named in a subject or calendar title: the segment that reads like a job title. */
function roleFromTitle(title: string, exclude: string[]): string | null {
  for (const segment of subjectSegments(title)) {
    const rest = withoutInterviewWords(segment.replace(/\s+(?:at|@|bei|chez|presso|bij|with)\s+.*$/i, ''));
    if (
      !rest ||
      exclude.some((name) => name && stripAccents(rest).toLowerCase() === stripAccents(name).toLowerCase())
    )
      continue;
    if (/\b(on|am|le|el|il)\s+(\p{L}+day|\d)/iu.test(rest) || /\d{1,2}:\d{2}/.test(rest)) continue;
    // "Recruiter Screen with Jamie Park": an interview's name, not a role.
    if (INTERVIEW_WORD.test(rest) || INTERVIEW_KIND.test(rest)) continue;
    if (ROLE_WORD.test(rest)) {
      const role = cleanRole(rest);
      if (role) return role;
    }
  }
  return null;
}

// Phrases that introduce a role in the text, in the languages Bowout reads; most explicit first.
const ROLE_PHRASES = [
  /\b(?:which|what)\s+(?:role|position)[^\n?]{0,60}\?\s*\n+\s*([^\n]{3,80})/i,
  /\b(?:for|of)\s+the\s+([^\n.]{3,80}?)\s+(?:position|role|opening|vacancy|job)\b/i,
  /\b(?:position|role|job title|stelle|vacature|functie|posizione|vaga|função|puesto|poste|cargo)\s*[:：]\s*([^\n,|]{3,80})/i,
  /\b(?:the\s+)?(?:position|role|stelle|vacature|functie|posizione|vaga|função|puesto|poste|cargo)\s+(?:of|as|als|van|de|di|da|do|d'|für die)?\s*([^\n,.|()]{3,80}?)(?:\s+(?:at|bei|bij|presso|chez|na|no|en|am)\s|[\n,.|()]|$)/i,
  /\b(?:als|as)\s+([^\n,.|()]{3,60}?)\s+(?:bei|bij|at)\s/i,
  /\binterview\s+for\s+(?:the\s+)?([^\n,.|()@]{3,80}?)(?:\s+(?:position|role))?(?:\s+(?:at|with|@)\s|[\n,.|()]|$)/i,
];

function roleFromText(body: string): string | null {
  const head = body.slice(0, 8_000);
  for (const pattern of ROLE_PHRASES) {
    const role = cleanRole(head.match(pattern)?.[1]);
    if (role && (ROLE_WORD.test(role) || pattern !== ROLE_PHRASES[4])) return role;
  }
  return null;
}

/**
 * Step: the role. The subject first (the segment that reads like a job title, never the candidate's
 * own name), then the calendar title, then phrases in the text.
 */
export function findRole(
  subject: string,
  body: string,
  calendarSummary: string | null = null,
  options: { userName?: string | null } = {},
): string | null {
  const exclude = [options.userName ?? ''];
  return (
    roleFromTitle(subject, exclude) ??
    (calendarSummary ? roleFromTitle(calendarSummary, exclude) : null) ??
    roleFromText(body) ??
    (calendarSummary ? roleFromText(calendarSummary) : null)
  );
}

// A company name: up to four capitalised words (Unicode), "&" allowed between them.
const COMPANY =
  "(\\p{Lu}[\\p{L}\\p{N}&'’.-]{0,40}(?:[ \\t]+(?:&[ \\t]+)?\\p{Lu}[\\p{L}\\p{N}&'’.-]{0,40}){0,3})";
const NOT_A_COMPANY =
  /^(The|Our|Your|This|That|We|I|You|Hi|Hello|Dear|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|May|June|July|August|September|October|November|December|Zoom|Google|Google Meet|Teams|Microsoft Teams|Skype|Webex|Please|Thanks|Best|Regards|AM|PM|CET|CEST|GMT|UTC)\b/;
const COMPANY_SUFFIX = /[ \t]+(?:team|careers|recruiting|recruitment|talent team|talent|hr|people)$/i;

function cleanCompany(raw: string | undefined): string | null {
  const company = raw
    ?.split(/\.[ \t]/)[0]
    ?.replace(/[.,;:]+$/, '')
    .replace(COMPANY_SUFFIX, '')
    .replace(/[ \t]+(?:GmbH|AG|SE|S\.?A\.?|S\.?L\.?|B\.?V\.?|Ltd\.?|Inc\.?|LLC|plc|S\.p\.A\.?|SRL|Srl)$/, '')
    .trim();
  if (!company || company.length < 2 || NOT_A_COMPANY.test(company) || LOOKS_LIKE_ROLE.test(company))
    return null;
  return company;
}

const COMPANY_PHRASES = [
  new RegExp(`(?:^|\\s)@[ \\t]*${COMPANY}`, 'u'),
  new RegExp(
    `\\b(?:at|bei|chez|presso|bij|na|no|en)[ \\t]+(?:der[ \\t]+|de[ \\t]+|la[ \\t]+)?${COMPANY}`,
    'u',
  ),
  // Lower-case keywords spelled out: an 'i' flag would let \p{Lu} match lower case too.
  new RegExp(
    `\\b(?:[Ii]nterest in|[Jj]oin|[Jj]oining|[Ww]elcome to|team at|[Ii]nteresse (?:na|no|in|an)|intérêt pour|interés en)[ \\t]+(?:der[ \\t]+)?${COMPANY}`,
    'u',
  ),
];

/** "Contoso Careers" / "Northwind Talent Team" → the company in a display name or signature line. */
function companyFromTeamName(name: string | null | undefined): string | null {
  const match = name?.match(
    /^(.{2,60}?)[ \t]+(?:careers|jobs|recruiting|recruitment|talent(?: acquisition)?(?: team)?|hiring(?: team)?|hr|people(?: team)?|personalabteilung|recrutement|recursos humanos)$/i,
  );
  return cleanCompany(match?.[1]);
}

const COMPANY_LINE = /^\p{Lu}[\p{L}\p{N}&.'’-]*(?:[ \t]+(?:&[ \t]+)?\p{Lu}[\p{L}\p{N}&.'’-]*){0,3}$/u;

/**
 * The company in the signature: the line under a department or job title ("Campus & Lateral
 * Recruiting" / "Ironbridge Capital"), "Title, Company", or a "Company Recruiting" line of its own.
 */
function companyFromSignature(body: string): string | null {
  const lines = body
    .slice(-1_500)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(-8);
  for (let i = lines.length - 2; i >= 0; i--) {
    const line = lines[i] ?? '';
    const next = lines[i + 1] ?? '';
    const heading =
      companyFromTeamName(line) !== null ||
      /recruit|talent|hiring|people|careers|personal/i.test(line) ||
      ROLE_WORD.test(line);
    if (heading && COMPANY_LINE.test(next) && !ROLE_WORD.test(next) && !INTERVIEW_WORD.test(next)) {
      const company = cleanCompany(next);
      if (company) return company;
    }
  }
  for (const line of [...lines].reverse()) {
    const titled = line.match(/^[\p{L} &/'’-]{2,60}?(?:,|\s\|)[ \t]*(\p{Lu}[\p{L}\p{N}&.'’ -]{1,50})$/u);
    if (titled && ROLE_WORD.test(line.split(/,|\|/)[0] ?? '')) {
      const company = cleanCompany(titled[1]);
      if (company) return company;
    }
    const team = companyFromTeamName(line);
    if (team) return team;
  }
  return null;
}

/** The company a subject names in a segment of its own ("Interview Confirmation: Lumenforge - Engineer"). */
function companyFromTitle(title: string, exclude: string[], contactAddress: string | null): string | null {
  const text = calendarTitle(title);
  // "Interview: Support Lead (Maplebright)": the company in brackets after the role.
  // Only when the contact's domain spells it: "(Madrid)" or "(m/w/d)" are not companies.
  const bracketed = text.match(/\(([^()]{2,40})\)\s*$/)?.[1];
  const domainLabel = squashed(contactAddress?.split('@')[1]?.split('.').slice(0, -1).join('') ?? '');
  if (
    bracketed &&
    domainLabel?.includes(squashed(bracketed)) &&
    ROLE_WORD.test(text.slice(0, text.lastIndexOf('(')))
  ) {
    const company = cleanCompany(bracketed);
    if (company && !/\d/.test(company)) return company;
  }
  for (const pattern of COMPANY_PHRASES.slice(0, 2)) {
    const company = cleanCompany(text.match(pattern)?.[1]);
    if (company) return company;
  }
  const segments = subjectSegments(text);
  if (segments.length < 2) return null;
  for (const segment of segments) {
    const rest = withoutInterviewWords(segment);
    if (!rest || INTERVIEW_WORD.test(segment) || ROLE_WORD.test(rest) || /\d/.test(rest)) continue;
    if (exclude.some((name) => name && stripAccents(rest).toLowerCase() === stripAccents(name).toLowerCase()))
      continue;
    const company = /^\p{Lu}/u.test(rest) && rest.split(/\s+/).length <= 4 ? cleanCompany(rest) : null;
    if (company) return company;
  }
  return null;
}

function companyFromDomain(address: string | null, body: string): string | null {
  const domain = address?.split('@')[1]?.toLowerCase();
  if (!domain || FREE_MAIL.test(domain) || ATS_DOMAINS.test(domain)) return null;
  const parts = domain.split('.');
  const secondLevel =
    /^(co|com|org|net|ac|gov|edu)$/.test(parts[parts.length - 2] ?? '') && parts.length >= 3;
  const label = parts[parts.length - (secondLevel ? 3 : 2)];
  if (!label) return null;
  const words = label.split('-');
  // The text's own spelling wins ("Atlântico Seguros" for atlantico-seguros.pt).
  const wanted = words.join('');
  const spelled = body
    .slice(0, 20_000)
    .match(
      new RegExp(
        `\\p{Lu}[\\p{L}&'’-]*(?:[ \\t]\\p{Lu}[\\p{L}&'’-]*){0,${Math.max(0, words.length - 1)}}`,
        'gu',
      ),
    )
    ?.find(
      (phrase) =>
        stripAccents(phrase)
          .toLowerCase()
          .replace(/[^a-z0-9]/g, '') === wanted,
    );
  if (spelled) return spelled;
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

/**
 * Step: the company. Stated beats guessed: the subject or calendar title, a "… Careers" sender name,
 * phrases in the text, the signature, and only then the contact's own domain.
 */
export function findCompany(
  subject: string,
  body: string,
  contactAddress: string | null,
  options: { calendarSummary?: string | null; senderName?: string | null; exclude?: (string | null)[] } = {},
): string | null {
  const exclude = (options.exclude ?? []).filter((name): name is string => Boolean(name));
  const stated =
    companyFromTitle(subject, exclude, contactAddress) ??
    (options.calendarSummary ? companyFromTitle(options.calendarSummary, exclude, contactAddress) : null) ??
    companyFromTeamName(options.senderName);
  if (stated) return stated;
  const head = body.slice(0, 5_000);
  for (const pattern of COMPANY_PHRASES.slice(1)) {
    const company = cleanCompany(head.match(pattern)?.[1]);
    if (company && !exclude.includes(company)) return company;
  }
  return companyFromSignature(body) ?? companyFromDomain(contactAddress, body);
}

/** "Senior Backend Engineer, Harborlight Health" → "Senior Backend Engineer" once the company is known. */
export function withoutCompany(role: string | null, company: string | null): string | null {
  if (!role || !company) return role;
  const index = role.toLowerCase().lastIndexOf(company.toLowerCase());
  if (index <= 0 || index + company.length !== role.length) return role;
  return cleanRole(role.slice(0, index).replace(/(?:,|\s+(?:at|@|bei|chez|–|—|-))\s*$/i, '')) ?? role;
}
