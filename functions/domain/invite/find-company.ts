import type { MailboxRef } from '../mail/parse-mail.js';
import { isUnattendedAddress } from '../mail/sanitize.js';
import {
  type Candidate,
  decide,
  endsWithOneOf,
  excerpt,
  type FactReading,
  isUnspaced,
  nameKey,
  sameNameKey,
  sortByScore,
  squash,
  startsWithOneOf,
  WIDE_CHARACTER,
} from './evidence.js';
import { personName, signerOf } from './find-contact.js';
import { isRelay, isTeamMailbox, organisationLabel } from './mail-systems.js';
import {
  INTERVIEW_WORD,
  JOB_NOUN,
  LOOKS_LIKE_ROLE,
  ROLE_WORD,
  segmentsOf,
  titleOf,
  withoutInterviewWords,
} from './subject-parts.js';
import { asWordTree } from './word-tree.js';

/**
 * Step: the company. Candidates come from the subject and the calendar title (a segment of their own,
 * "at X", "with X", "from X"), the name a tracking system sends under ("Contoso Careers", "Contoso via
 * Greenhouse", "Olivia at Contoso"), the signature (a line with a legal form, "Title | Company", the
 * line under a department), the legal name anywhere in the text ("Rheinknie Pharma AG", "株式会社X"),
 * phrases in the text ("bei X", "chez X", "presso X"), and the contact's domain. A candidate the domain
 * spells ("Lanternfish Payments" for lanternfishpay.com) gains; one that reads as a role, a person, an
 * interview word or a meeting tool loses. Every pattern is bounded: a hostile text costs a linear scan.
 */

export interface CompanyEvidence {
  subject: string;
  calendarSummary: string | null;
  /** The employer's own words (the original's), and the whole body with older messages. */
  text: string;
  body: string;
  /** The calendar event's DESCRIPTION, which may be the only place a scheduler names the company. */
  calendarDescription?: string | null;
  /** Mailboxes that wrote or stand for the employer: sender, Reply-To, organizer, the chosen contact. */
  senders: MailboxRef[];
  contactAddress: string | null;
  /** Names that are people's, never the company's: the user's, the contact's. */
  people: (string | null)[];
}

// A company name: up to five capitalised words (Unicode), "&", "and", "of", "de" allowed between them.
const NAME_WORD = "\\p{Lu}[\\p{L}\\p{N}&'’.-]{0,40}";
// (Its joining words as a tree of first characters, see asWordTree: every pattern below holds it.)
const COMPANY = asWordTree(
  new RegExp(
    `(${NAME_WORD}(?:[ \\t]+(?:(?:&|and|of|de|der|des|du|la|le|y|e|und|et|i|van|von)[ \\t]+)?${NAME_WORD}){0,4})`,
    'u',
  ),
).source;
const NOT_A_COMPANY = asWordTree(
  /^(?:The|Our|Your|This|That|We|I|You|Hi|Hello|Dear|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|May|June|July|August|September|October|November|December|Zoom|Google|Google Meet|Meet|Teams|Microsoft|Microsoft Teams|Skype|Webex|Please|Thanks|Best|Regards|AM|PM|CET|CEST|GMT|UTC|HR|Talent|Recruiting|Careers|People|Greenhouse|Lever|Workday|Ashby|SmartRecruiters|iCIMS|Teamtailor|Personio|Recruitee|Workable|BambooHR|JazzHR|Calendly|GoodTime|ModernLoop|Paradox|HireVue|Varbi|Outlook|Gmail|LinkedIn|Indeed|Glassdoor|Door|Room|Floor|Building|Reception|Office|Lobby)$/i,
);
const TOOL_NAME = asWordTree(
  /^(?:zoom|google|google meet|microsoft teams|teams|skype|webex|calendly|greenhouse|lever|workday|ashby|smartrecruiters|icims|teamtailor|personio|recruitee|workable|bamboohr|jazzhr|goodtime|modernloop|paradox|hirevue|varbi|linkedin|indeed|jobvite|taleo|successfactors|softgarden|homerun|pinpoint|zoho recruit|jobylon|welcome to the jungle|stepstone|xing|glassdoor|infojobs|monster|jobteaser|hellowork|cadremploi|gupy|catho|wellfound|otta|pracuj|hrmos|moka|microsoft bookings|bookings)\b/i,
);
const LEGAL_FORM = asWordTree(
  /[ \t,]+(?:GmbH(?: & Co\.? KG)?|AG|SE|KG|e\.V\.?|S\.?A\.?S?\.?(?: de C\.?V\.?)?|S\.?L\.?U?\.?|S\.?R\.?L\.?|S\.?p\.?A\.?|B\.?V\.?|N\.?V\.?|Ltd\.?|Limited|Inc\.?|LLC|LLP|plc|Pty\.? Ltd\.?|Pvt\.? Ltd\.?|Pte\.? Ltd\.?|Co\.?,? Ltd\.?|Co\.?|Corp\.?|Corporation|AB|A\/S|ASA|Oy|Oyj|Sp\. z o\.o\.?|SARL|SAS|Lda\.?|Ltda\.?|KK|K\.K\.?)$/i,
);
// A Japanese or Chinese team after the company's name ("株式会社X 採用チーム"), which is never part of it.
const CJK_TEAM =
  '[ \\t　]*(?:HR|採用チーム|採用担当者?|採用事務局|採用係|人事部(?:採用担当|採用チーム)?|人事課|人事グループ|人事|招聘团队|招聘组|招聘部|人力资源部|人事部门|招募團隊|人資部|人力資源部)$';
const CJK_TEAM_SUFFIX = asWordTree(
  new RegExp(`(?<=[\\p{Script=Han}\\p{Script=Katakana}ー])${CJK_TEAM}`, 'u'),
);
const TEAM_SUFFIX = asWordTree(
  new RegExp(
    `[ \\t]+(?:early careers|careers|career|jobs|recruiting|recruitment|talent acquisition|talent team|talent|hiring team|hiring|hr|people team|people|interviews|scheduling|talent scheduling|personal|personalabteilung|recrutement|recursos humanos|reclutamento|rekrytering|team|graduate recruitment(?: team)?|campus recruiting)$|${CJK_TEAM}`,
    'iu',
  ),
);
// A department or function, not the company: "Direction des Ressources Humaines", "People & Culture".
const DEPARTMENT = asWordTree(
  /\b(?:human resources|ressources humaines|recursos humanos|risorse umane|personalabteilung|personal|recrutamento|recrutement|reclutamento|selección|selezione|werving|rekrytering|rekrutacja|people & (?:culture|talent)|people and culture|talent acquisition|recruiting|recruitment|recrutement|reclutamento|hr|rh|rrhh|direction|department|abteilung|dept|division|team)\b/i,
);
/** A name made of department words only ("Direction des Ressources Humaines"; not "Northgate Recruitment"). */
const DEPARTMENT_WORDS = new RegExp(DEPARTMENT.source, 'gi');
const LETTER = /\p{L}/u;
function isDepartment(value: string): boolean {
  if (!DEPARTMENT.test(value)) return false;
  const rest = value
    .replace(DEPARTMENT_WORDS, ' ')
    .replace(/\b(?:des|de|du|del|la|le|of|the|and|und|et|y|e)\b|&/gi, ' ');
  return !LETTER.test(rest);
}

const CJK_SCRIPT = /\p{Script=Han}|\p{Script=Katakana}|\p{Script=Hiragana}/u;
const CJK_LEGAL = /株式会社|有限会社|合同会社|有限公司|股份有限公司|集团|公司/u;

/** "Hanse Kältetechnik GmbH, Lübeck" → "Hanse Kältetechnik GmbH": a legal name ends at its legal form. */
function endAtLegalForm(name: string): string {
  if (!name.includes(',')) return name;
  const pieces = name.split(/,\s+/, 6);
  for (let k = 1; k < pieces.length; k++) {
    const head = pieces.slice(0, k).join(', ');
    if (LEGAL_FORM.test(head) && !LEGAL_FORM.test(`, ${pieces[k]}`)) return head;
  }
  return name;
}

const WHITESPACE_RUN = /\s+/g;
// A sentence goes on after the name ("Vaartsche Zorg. We …", "Kvarnholmen Data AB. Vi …", not "Pvt.
// Ltd."); a dash or bar adds a description. The full stop is found first, then what stands before it.
const NAME_ENDS =
  /\.(?<=(?:\p{Ll}{3}|\s(?:AB|AG|SE|KG|GmbH|LLC|LLP|plc|Oy|Oyj|ASA|A\/S|SAS|SARL|KK))\.)\s+(?=\p{Lu})|\s[–—|·]\s/u;
const SPACE_TO_SQUEEZE = /[^\S ]| {2}/;
const END_MARK = /[.–—|·]/;
const AND_CO = /&\s*Co\.?$/i;
const TRAILING_PUNCTUATION = /[.,;:&]+$/;

/**
 * A company name as it is written, without a legal form or trailing punctuation; a sender's display name
 * also loses a "Careers" or "Recruiting" suffix ("Contoso Careers"), a signature keeps it ("Northgate
 * Recruitment" is that agency's name).
 */
export function cleanCompany(raw: string | null | undefined, senderName = false): string | null {
  if (!raw) return null;
  // Most names hold no run of spaces and none of the marks a sentence or description starts at.
  const spaced = SPACE_TO_SQUEEZE.test(raw) ? raw.replace(WHITESPACE_RUN, ' ') : raw;
  let company = (END_MARK.test(spaced) ? spaced.split(NAME_ENDS)[0] : spaced)?.trim() ?? '';
  // Each pattern below runs only where the character it needs stands (the name is trimmed: no space
  // at either end); a Japanese or Chinese team only after a wide character.
  if (startsWithOneOf(company, '"\'“”‘’([') || endsWithOneOf(company, '"\'“”‘’)]'))
    company = company.replace(/^[\s"'“”‘’([]+|[\s"'“”‘’)\]]+$/g, '');
  if (WIDE_CHARACTER.test(company)) company = company.replace(CJK_TEAM_SUFFIX, '');
  if (endsWithOneOf(company, '.,;:!')) company = company.replace(/[.,;:!]+$/, '');
  company = endAtLegalForm(company.trim());
  for (let i = 0; i < 3; i++) {
    let next = senderName ? company.replace(TEAM_SUFFIX, '') : company;
    // "Kvarn & Co" is a name, not a legal form.
    if (!AND_CO.test(company)) next = next.replace(LEGAL_FORM, '');
    if (endsWithOneOf(next, '.,;:&')) next = next.replace(TRAILING_PUNCTUATION, '');
    next = next.trim();
    if (next === company) break;
    company = next;
  }
  if (company.length < 2 || company.length > 70 || NOT_A_COMPANY.test(company) || TOOL_NAME.test(company))
    return null;
  return company;
}

interface Found {
  value: string;
  source: string;
  score: number;
  evidence: string;
}

// A team named first: "Talentos Ipanema", "Careers at Contoso", "Recrutement chez Lumière".
const TEAM_FIRST = new Set(
  'talentos talento talent talents carreiras carreras careers career recrutamento reclutamiento recrutement recruiting rekrytering karriere jobs vagas empleo zespół rekrutacji kadr hr rh rrhh équipe equipo'.split(
    ' ',
  ),
);
const TEAM_LINK = new Set(['at', 'na', 'no', 'da', 'do', 'de', 'bei', 'chez', '@']);
// Regular expressions with Unicode properties stay at module scope: bundlers compile those written inside
// a function anew on every call.
const STARTS_UPPER = /^\p{Lu}/u;
const STARTS_LOWER = /^\p{Ll}/u;
const LOWER_WORD = /^\p{Ll}{3,}/u;
const BOT_NAME = /^\p{Lu}\p{Ll}+\s+(?:at|from|@)\s+(.{2,60})$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const TWO_NAMES = /^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u;
const HAN_OR_KATAKANA = /\p{Script=Han}|\p{Script=Katakana}/u;

/** "Talentos Ipanema" → "Ipanema": the company after a team word that comes first. */
function afterTeamWord(name: string): string | null {
  const words = name.split(/\s+/);
  if (words.length < 2 || !TEAM_FIRST.has(words[0]?.toLowerCase() ?? '')) return null;
  // "Zespół Rekrutacji X", "Équipe Recrutement X": a second team word goes too.
  const from = TEAM_FIRST.has(words[1]?.toLowerCase() ?? '') ? 2 : 1;
  const rest = words.slice(TEAM_LINK.has(words[from]?.toLowerCase() ?? '') ? from + 1 : from).join(' ');
  return STARTS_UPPER.test(rest) ? rest : null;
}

/** "Contoso Careers", "Contoso via Greenhouse", "Olivia at Contoso", "Femke Jansma – Contoso": the company. */
function companyInSenderName(raw: string | null): string | null {
  const name = (raw ?? '').trim();
  if (!name) return null;
  const via = name.match(/^(.{2,60}?)\s+(?:\(via\s+[^)]{1,40}\)|via\s+\S.{0,40})$/i);
  if (via?.[1]) return cleanCompany(via[1], true);
  const bot = name.match(BOT_NAME);
  if (bot?.[1]) return cleanCompany(bot[1], true);
  const dashed = name.match(/^.{2,40}?\s+[–—|-]\s+(.{2,60})$/);
  if (dashed?.[1]) return cleanCompany(dashed[1], true);
  if (TEAM_SUFFIX.test(name)) return cleanCompany(name, true);
  const team = afterTeamWord(name);
  if (team) return cleanCompany(team, true);
  return null;
}

const SUBJECT_PHRASES: [RegExp, string][] = [
  [
    new RegExp(
      `(?:^|\\s)(?:at|@|bei|chez|presso|bij|hos|na|no|en|w|z)[ \\t]+(?:der[ \\t]+|de[ \\t]+|la[ \\t]+)?${COMPANY}`,
      'u',
    ),
    'at',
  ],
  [
    new RegExp(`(?:^|\\s)(?:[Ff]rom|[Ww]ith|[Mm]it|[Aa]vec|[Cc]on|[Mm]et|[Mm]ed)[ \\t]+${COMPANY}`, 'u'),
    'with',
  ],
  [
    new RegExp(
      `\\b(?:applying|application|applied|apply|interest|interviewing|interview)[ \\t]+(?:to|at|with|for)[ \\t]+${COMPANY}`,
      'u',
    ),
    'to',
  ],
  [new RegExp(`^${COMPANY}[ \\t]+(?:has|have|is|hat|a|ha)[ \\t]`, 'u'), 'has'],
];

// Each phrase with the words without which it cannot match (none: it is always run): a text that holds
// none of them is not scanned for it.
const TEXT_PHRASES: { pattern: RegExp; needs: string[] }[] = [
  {
    pattern: asWordTree(
      new RegExp(
        `\\b(?:at|bei|chez|presso|bij|hos|na|no|em|team at|on behalf of|im Namen der|im Namen von|au nom de|en nombre de|per conto di|namens|på uppdrag av|w imieniu)[ \\t]+(?:der[ \\t]+|de[ \\t]+|la[ \\t]+|l[’'])?${COMPANY}`,
        'gu',
      ),
    ),
    needs: [],
  },
  {
    pattern: asWordTree(
      new RegExp(
        `\\b(?:[Ii]nterest in|[Jj]oin|[Jj]oining|[Ww]elcome to|[Ii]nteresse (?:na|no|in|an|für)|intérêt pour|interés en|interesse per|interesse in|intresse för|zainteresowanie)[ \\t]+(?:der[ \\t]+|the[ \\t]+)?${COMPANY}`,
        'gu',
      ),
    ),
    needs: [],
  },
  {
    pattern: asWordTree(
      new RegExp(
        `(?:^|\\n)[ \\t]*(?:The[ \\t]+|Team[ \\t]+|Das[ \\t]+|L['’]équipe[ \\t]+|El equipo de[ \\t]+|Il team[ \\t]+)?${COMPANY}[ \\t]+(?:Recruiting|Talent|Careers|HR|People|Hiring)[ \\t]+Team[ \\t]*$`,
        'gmu',
      ),
    ),
    needs: ['Team'],
  },
  {
    pattern: asWordTree(
      new RegExp(
        `(?:^|\\n)[ \\t]*(?:Team|Das Team|Ihr Team|L['’]équipe|El equipo de|Il team di|Het team van|Teamet på|Zespół)[ \\t]+${COMPANY}[ \\t]*$`,
        'gmu',
      ),
    ),
    needs: ['Team', 'team', 'équipe', 'equipo', 'Zespół'],
  },
];

// A run that may hold a company's legal name: Han and Katakana ("株式会社ハカタデータ", "上海…有限公司"), and
// after a leading legal form also kana and Latin letters ("株式会社さくら精機", "株式会社ほしぞらCS").
const HAN_NAME =
  /(?:(?:株式会社|有限会社|合同会社)[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}A-Za-z0-9ー・&]{2,24}|[\p{Script=Han}\p{Script=Katakana}ー・]{2,24}(?:株式会社|有限会社|合同会社|有限公司|股份有限公司)?)/gu;
// A Japanese particle right after the name ("あおぞらネットの中村", "ひかりデザインは"): the name ends there.
// Only after a character that is not hiragana, so names written in hiragana ("はなまる") stay whole.
const PARTICLE_AFTER_NAME =
  /(?<=[\p{Script=Han}\p{Script=Katakana}A-Za-z0-9ー])(?:の|は|が|を|に|で|と|へ|より|から|です|にて)/u;

// Words of a sentence that may stand before a company's name in a run of Han characters, in Simplified
// and Traditional script ("感谢您关注…", "謝謝您投遞…", "感謝您應徵…", "欢迎您应聘…").
const LEAD_IN = asWordTree(
  /^.*(?:感谢|感謝|关注|關注|投递|投遞|应聘|應聘|应征|應徵|申请|申請|报名|報名|加入|来自|來自|含有|属于|屬於|代表|欢迎|歡迎|邀请|邀請|参加|參加|您好|谢谢|謝謝|这里是|這裡是|我们是|我們是|我是|是|的|于|於|对|對|在)/u,
);

/** A legal name in a run of Han or Katakana, without the words of the sentence before it; null when none. */
function cjkLegalName(run: string): string | null {
  if (!CJK_LEGAL.test(run) || run.length < 4) return null;
  // "上海…有限公司产品经理岗位": the name ends with its legal form (unless the form leads: "株式会社X").
  const suffix = run.slice(1).search(/股份有限公司|有限公司|株式会社|有限会社|合同会社/u);
  const ending =
    run.slice(1 + suffix).match(/^(?:股份有限公司|有限公司|株式会社|有限会社|合同会社)/u)?.[0] ?? '';
  const cut =
    /^(?:株式会社|有限会社)/u.test(run) || suffix < 0 ? run : run.slice(0, 1 + suffix + ending.length);
  const particle = /^(?:株式会社|有限会社|合同会社)/u.test(cut)
    ? cut.slice(4).search(PARTICLE_AFTER_NAME)
    : -1;
  const name = (particle >= 0 ? cut.slice(0, 4 + particle) : cut).replace(LEAD_IN, '');
  return name.replace(CJK_LEGAL_GLOBAL, '').length >= 2 ? name : null;
}
const CJK_LEGAL_GLOBAL = /株式会社|有限会社|合同会社|股份有限公司|有限公司/gu;

const LEGAL_TOKEN = asWordTree(
  /,?[ \t]+(?:GmbH(?: & Co\.? KG)?|AG|SE|eG|S\.A\.S\.|S\.A\.|S\.L\.|S\.r\.l\.|Srl|S\.p\.A\.|B\.V\.|N\.V\.|Ltd\.?|Limited|Inc\.|LLC|LLP|plc|Pty Ltd|Pvt\.? Ltd\.?|Pte\.? Ltd\.?|Co\., Ltd\.?|AB|A\/S|Oy|Sp\. z o\.o\.|SARL|SAS|Lda\.|Ltda\.)(?![\p{L}])/gu,
);
const NAME_AT_END = new RegExp(`${COMPANY}$`, 'u');

/** Names with a legal form anywhere in the text: "Rheinknie Pharma AG", "株式会社ハカタデータ". */
function legalNames(text: string): Found[] {
  const found: Found[] = [];
  const head = text.slice(0, 20_000);
  // The legal forms first (a plain scan), then the capitalised words right before each. The module's own
  // patterns are run by exec (matchAll would copy them for every text).
  LEGAL_TOKEN.lastIndex = 0;
  for (let match = LEGAL_TOKEN.exec(head); match; match = LEGAL_TOKEN.exec(head)) {
    const at = match.index;
    const before = head.slice(Math.max(0, at - 100), at).match(NAME_AT_END)?.[1];
    const name = before ? cleanCompany(`${before}${match[0]}`) : null;
    if (name)
      found.push({ value: name, source: 'text.legal-name', score: 66, evidence: `${before}${match[0]}` });
    if (found.length >= 10) break;
  }
  HAN_NAME.lastIndex = 0;
  for (let match = HAN_NAME.exec(head); match; match = HAN_NAME.exec(head)) {
    const name = cjkLegalName(match[0]);
    if (!name) continue;
    // "株式会社X" starts where the name starts; "…X有限公司" may have taken words of the sentence before it.
    found.push({
      value: name,
      source: 'text.legal-name',
      score: /^(?:株式会社|有限会社)/u.test(name) ? 66 : 56,
      evidence: match[0],
    });
    if (found.length >= 20) break;
  }
  return found;
}

// Lines of a signature that are not the company: a person, a phone, an address, a link.
const NOT_COMPANY_LINE = /[@\d]|https?:|www\.|^(?:tel|phone|mobile|fax|t|m|o|p|e)\b/i;

// A signature line that is one name in Japanese or Chinese script, kana included ("なにわ精機株式会社").
const CJK_LINE = /^[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}ー・]{3,30}$/u;
const COMPANY_LINE = new RegExp(`^${COMPANY}$`, 'u');

const STRONG_SEPARATOR = /\s[|·•]\s|\s[–—]\s/u;
const COMMA_BEFORE_NAME = /,\s(?=\p{Lu})/u;

/** The last `count` lines of a text that are not blank, trimmed, read from its end (no split of the rest). */
function lastLines(text: string, count: number): string[] {
  const lines: string[] = [];
  // `end` is where the line read next ends; a text's first line ends at its first "\n", or at its end.
  for (let end = text.length; end > 0 && lines.length < count; ) {
    const start = text.lastIndexOf('\n', end - 1);
    const line = text.slice(start + 1, end).trim();
    if (line) lines.push(line);
    end = start;
  }
  return lines.reverse();
}

const HEADING_WORD = /recruit|talent|hiring|careers/i;
const DIGIT_OR_AT = /\d|@/;
const REGION = /,\s*[A-Z]{2}$/;
const SENTENCE_MARK = /[。，！？「」、]/u;
const BAR_OR_DOT = /\s[|·•]\s/;

/** A signature line that is a job title or a department, which heads the company's line or leads it. */
function isTitleLine(line: string): boolean {
  return line.length <= 90 && (ROLE_WORD.test(line) || DEPARTMENT.test(line));
}

/** Whether line `k` is a title line (isTitleLine), remembered in `titles`. */
function titleAt(lines: readonly string[], titles: (boolean | undefined)[], k: number): boolean {
  let title = titles[k];
  if (title === undefined) {
    title = isTitleLine(lines[k] ?? '');
    titles[k] = title;
  }
  return title;
}

/** The company in the closing lines: "Title | Company", "Title, Company", the line under a title. */
function signatureCompanies(text: string): Found[] {
  const lines = lastLines(text.slice(-2_500), 14);
  // Whether a line is a job title or a department, worked out only where it matters and once per line:
  // for a line that a bar, a dash or a comma splits, and for the line above a name.
  const titles: (boolean | undefined)[] = [];
  const found: Found[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.length > 90) continue;
    // "Director, Supply Chain Planning | Bayshore Retail": a bar or a dash separates more than a comma.
    const strong = STRONG_SEPARATOR.test(line);
    if ((strong || COMMA_BEFORE_NAME.test(line)) && titleAt(lines, titles, i)) {
      const parts = line.split(strong ? STRONG_SEPARATOR : COMMA_BEFORE_NAME).map((p) => p.trim());
      // "Senior Recruiter | Lanternfish Payments", "People & Talent · Alfama Labs, Lda."
      // (Its first part is no longer than the line: a title line's test alone.)
      if (isTitleLine(parts[0] ?? '') && !DIGIT_OR_AT.test(parts[1] ?? '')) {
        // "Title | Company | Town": the company, and a legal form split off it ("Alfama Labs, Lda."), no town.
        const legalTail = parts.slice(2).filter((part, k) => LEGAL_FORM.test(` ${part}`) && k === 0);
        const name = cleanCompany([parts[1], ...legalTail].join(', '));
        if (name) found.push({ value: name, source: 'signature', score: 68, evidence: line });
        continue;
      }
    }
    if (NOT_COMPANY_LINE.test(line)) continue;
    const region = REGION.test(line); // "Calgary, AB" is a province, not "Aktiebolag"
    const wide = WIDE_CHARACTER.test(line);
    // A sentence ("感謝您應徵…公司「…」一職，…。") is the letter's text, not its signature.
    const sentence = wide && SENTENCE_MARK.test(line);
    const legal =
      region || sentence
        ? null
        : wide && CJK_LINE.test(line) && CJK_LEGAL.test(line)
          ? cjkLegalName(line)
          : wide && CJK_LEGAL.test(line)
            ? ((line.match(HAN_NAME) ?? []).map(cjkLegalName).find((name) => name !== null) ?? null)
            : LEGAL_FORM.test(line)
              ? cleanCompany(line.split(BAR_OR_DOT).find((part) => LEGAL_FORM.test(part)))
              : null;
    if (legal) {
      found.push({ value: legal, source: 'signature', score: 74, evidence: line });
      continue;
    }
    // "天府游戏 HR", "みなと物流 人事部": a name in Han or kana with its team after it.
    const team = wide && CJK_TEAM_SUFFIX.test(line) ? line.replace(CJK_TEAM_SUFFIX, '') : null;
    if (team && team !== line && CJK_LINE.test(team) && !sentence) {
      found.push({ value: team, source: 'signature', score: 66, evidence: line });
      continue;
    }
    // A name on a line of its own, under a title or a team's heading (the title read only here).
    const named = COMPANY_LINE.test(line) && !JOB_NOUN.test(line);
    if (named && ((i > 0 && titleAt(lines, titles, i - 1)) || HEADING_WORD.test(lines[i - 1] ?? ''))) {
      // A line of its own may be a team's sign-off ("Northbeam Recruiting"): the company without the team.
      const name = cleanCompany(line, true);
      if (name && !personName(name)?.includes(' '))
        found.push({ value: name, source: 'signature', score: 58, evidence: line });
      else if (name) found.push({ value: name, source: 'signature', score: 40, evidence: line });
    }
  }
  return found;
}

/** A candidate of the subject's title as the calendar SUMMARY's: the same words, two points less. */
function asCalendarSummary(f: Found): Found {
  return { ...f, source: `calendar.summary${f.source.slice('subject'.length)}`, score: f.score - 2 };
}

/** Company-like segments and phrases of a title (a subject or a calendar SUMMARY). */
function titleCompanies(title: string, source: string, base: number): Found[] {
  const text = titleOf(title);
  const found: Found[] = [];
  for (const [pattern, kind] of SUBJECT_PHRASES) {
    const match = text.match(pattern);
    const name = cleanCompany(
      match?.[1]?.replace(/\s+(?:on|am|le|el|il|op|for|für|pour|para|per)\s.*$/i, ''),
    );
    // "with X" introduces people as often as companies ("Interview with Jamie Park", "… with Olivia").
    const score = kind === 'with' ? base - (name?.includes(' ') ? 0 : 10) : base + 12;
    if (name) found.push({ value: name, source: `${source}.${kind}`, score, evidence: text });
  }
  // "【ミナトリンク】一次面接のご案内": Japanese and Chinese subjects put the company in lenticular brackets.
  const lenticular = text.match(/【([^【】]{2,30})】/u)?.[1];
  const bracketName = lenticular ? cleanCompany(lenticular) : null;
  if (bracketName)
    found.push({ value: bracketName, source: `${source}.brackets`, score: base + 15, evidence: text });
  const segments = segmentsOf(text);
  for (const segment of segments) {
    const rest = withoutInterviewWords(segment);
    if (!rest) continue;
    // "Tandsköterska, Älvstranden Tandvård": a role, then the company after a comma.
    const pieces = rest.includes(', ') ? [rest, rest.slice(rest.lastIndexOf(', ') + 2)] : [rest];
    for (const piece of pieces) {
      const name = cleanCompany(piece.replace(/\s*\((?:[^()]{0,40})\)$/, ''));
      // "天府游戏 面试通知": in Japanese and Chinese a name set apart by a space from the interview words
      // stands on its own, as a segment would.
      const apart = CJK_SCRIPT.test(rest) && (segment.startsWith(`${rest} `) || segment.endsWith(` ${rest}`));
      if (name && (segments.length > 1 || apart))
        found.push({ value: name, source, score: base, evidence: segment });
    }
    // "Interview: Support Lead (Maplebright)": the company in brackets after the role.
    const bracketed = segment.match(/\(([^()]{2,40})\)\s*$/)?.[1];
    if (bracketed) {
      const name = cleanCompany(bracketed);
      if (name)
        found.push({ value: name, source: `${source}.brackets`, score: base - 10, evidence: segment });
    }
  }
  return found;
}

// A line that says where: "Luogo: Lombarda Assicurazioni, Corso Como 15, Milano", "Lieu : X, 825, boulevard …".
const PLACE_LINE = asWordTree(
  new RegExp(
    `(?:^|\\n)[ \\t]*(?:location|venue|address|where|lieu|adresse|luogo|indirizzo|sede|ort|adresse|lugar|dirección|local|endereço|plaats|adres|locatie|plats|adress|miejsce|adres)[ \\t]*[:：]?[ \\t]+${COMPANY},[ \\t]*[^\\n]{0,40}\\d`,
    'giu',
  ),
);

/** The company named first on a line that gives the place of the interview, before its street. */
function placeLines(text: string): Found[] {
  const found: Found[] = [];
  PLACE_LINE.lastIndex = 0;
  for (let match = PLACE_LINE.exec(text); match; match = PLACE_LINE.exec(text)) {
    const name = cleanCompany(match[1]);
    if (name) found.push({ value: name, source: 'text.place', score: 50, evidence: match[0] });
    if (found.length >= 3) break;
  }
  return found;
}

// Above ASCII, every lower-case letter whose decomposition starts with a Latin letter or a digit ("é" →
// "e", "ş" → "s", "ạ" → "a") is in Latin-1, Latin Extended-A and -B, or Latin Extended Additional.
const LATIN_ACCENTED = /[\u00e0-\u024f\u1e00-\u1eff]/g;
const ABOVE_ASCII = /[\u0080-\uffff]/g;
const PLAIN_STEM = /^[a-z0-9]*$/;
const firstOfDecomposition = (ch: string) => ch.normalize('NFD')[0] ?? ch;
// The same for the accented Latin letters, decomposed once at load: a text may hold hundreds.
const LATIN_FOLDED = new Map<string, string>();
for (const [from, to] of [
  [0xe0, 0x24f],
  [0x1e00, 0x1eff],
]) {
  for (let code = from as number; code <= (to as number); code++) {
    const ch = String.fromCharCode(code);
    LATIN_FOLDED.set(ch, firstOfDecomposition(ch));
  }
}
const folded = (ch: string) => LATIN_FOLDED.get(ch) ?? firstOfDecomposition(ch);

const SPELLED_NAME = /^\p{Lu}[\p{L}&'’-]*(?:[ \t]\p{Lu}[\p{L}&'’-]*){0,3}/u;

/**
 * The company the domain names: the text's own spelling of it when the text has one, else its label.
 * `label` is the address's own organisation label (ownLabel), null for a relay's.
 */
function domainCompanies(
  address: string | null,
  label: string | null,
  subject: string,
  body: string,
): Found[] {
  if (!label || !address) return [];
  const words = label.split('-');
  const wanted = words.join('');
  // Only where the text holds the label's first letters ("Nordwerk Handel" for nordwerk-handel.de).
  const head = `${subject}\n${body}`.slice(0, 20_000);
  const stem = wanted.slice(0, 4);
  // Folded one character for one ("Vitória" → "vitoria"), so positions stay those of the text. A stem of
  // Latin letters and digits can only meet the letters that fold to one: those alone are folded.
  const lower = head.toLowerCase().replace(PLAIN_STEM.test(stem) ? LATIN_ACCENTED : ABOVE_ASCII, folded);
  let spelled: string | null = null;
  for (let at = lower.indexOf(stem), tries = 0; at >= 0 && tries < 20 && !spelled; tries++) {
    const tokens =
      head
        .slice(at, at + 80)
        .match(SPELLED_NAME)?.[0]
        ?.split(/[ \t]/) ?? [];
    if (at === 0 || !LETTER_OR_DIGIT.test(head[at - 1] ?? '')) {
      for (let take = 1; take <= tokens.length && !spelled; take++) {
        const candidate = tokens.slice(0, take).join(' ');
        if (squash(candidate) === wanted) spelled = candidate;
      }
    }
    at = lower.indexOf(stem, at + 1);
  }
  if (spelled) return [{ value: spelled, source: 'domain.spelled', score: 56, evidence: address }];
  const guessed = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
  return [{ value: guessed, source: 'domain', score: 35, evidence: address }];
}

/**
 * Whether the organisation's domain label spells the name: "lanternfishpay" for Lanternfish Payments,
 * "narrowsocean" for Narrows Ocean Technologies, "mvts" for Maasvlakte Terminal Services.
 */
export function domainSpells(label: string, name: string, key = squash(name)): boolean {
  const wanted = label.replace(/-/g, '').toLowerCase();
  if (wanted.length < 3 || key.length < 3) return false;
  if (key.startsWith(wanted) || (key.length >= 4 && wanted.startsWith(key))) return true;
  // The words below start with the name's first letter (squashing a name squashes each of its words): a
  // label that starts otherwise is not spelled by them.
  if (squash(name)[0] !== wanted[0]) return false;
  const words = name
    .split(/[\s&-]+/)
    .map(squash)
    .filter(Boolean)
    .slice(0, 6);
  const first = words[0] ?? '';
  if (first.length >= 4 && wanted.startsWith(first)) return true;
  return wanted.length >= 4 && spelledByPrefixes(wanted, words, 0, 0, new Set());
}

/**
 * Whether `label` is the words' prefixes one after another from the first word on: "bvenergy" for
 * Bow Valley Energy, "lanternfishpay" for Lanternfish Payments, "tidewaterlog" for Tidewater Logistics.
 */
function spelledByPrefixes(
  label: string,
  words: string[],
  at: number,
  word: number,
  failed: Set<number>,
): boolean {
  if (at === label.length) return word >= 2;
  const current = words[word];
  // Each (position, word) is tried once: hostile labels and names stay linear in their product.
  if (!current || failed.has(at * 8 + word)) return false;
  for (let take = Math.min(current.length, label.length - at); take >= 1; take--) {
    if (label.slice(at, at + take) !== current.slice(0, take)) continue;
    if (spelledByPrefixes(label, words, at + take, word + 1, failed)) return true;
  }
  failed.add(at * 8 + word);
  return false;
}

/** The organisation label of an address that is no relay's, or null. */
function ownLabel(address: string): string | null {
  // A relay's address has no organisation label: organisationLabel leaves it out.
  return isUnattendedAddress(address) ? null : organisationLabel(address);
}

/** The labels of the contact's and the senders' domains, and the contact's own (domainCompanies reads it). */
function labelsOf(evidence: CompanyEvidence): { labels: string[]; contactLabel: string | null } {
  const contact = evidence.contactAddress;
  const contactLabel = contact ? ownLabel(contact) : null;
  const labels: string[] = contactLabel ? [contactLabel] : [];
  // The sender, the Reply-To and the organizer are often one address: each is read once.
  const read: string[] = contact ? [contact] : [];
  for (const { address } of evidence.senders) {
    if (!address || read.includes(address)) continue;
    read.push(address);
    const label = ownLabel(address);
    if (label && !labels.includes(label)) labels.push(label);
  }
  return { labels, contactLabel };
}

/** Reads the company from every piece of evidence; see the step's comment above. */
export function readCompany(evidence: CompanyEvidence): FactReading {
  const found = titleCompanies(evidence.subject, 'subject', 50);
  // The calendar's SUMMARY is often the subject's title again: read once, found in both places.
  if (evidence.calendarSummary) {
    const same = titleOf(evidence.calendarSummary) === titleOf(evidence.subject);
    if (same) for (const f of [...found]) found.push(asCalendarSummary(f));
    else found.push(...titleCompanies(evidence.calendarSummary, 'calendar.summary', 48));
  }
  for (const sender of evidence.senders) {
    const fromName = companyInSenderName(sender.name);
    // "Hannah Cole (via Greenhouse)" names a person; "Älvstranden Tandvård via Varbi" a company.
    const person =
      fromName !== null && /\svia\s|\(via/i.test(sender.name ?? '') && personName(fromName) === fromName;
    if (fromName) {
      found.push({
        value: fromName,
        source: 'sender.name',
        score: person ? 45 : 70,
        evidence: sender.name ?? '',
      });
      continue;
    }
    // A tracking system's sender or a team mailbox sends under the company's name ("Brightwell Ledger"):
    // its display name is read only then.
    const unattended =
      isRelay(sender.address) || isUnattendedAddress(sender.address) || isTeamMailbox(sender.address);
    const plain = unattended ? cleanCompany(sender.name, true) : null;
    if (!plain) continue;
    // "Orbe Santé", "Lombarda Assicurazioni": a relay sends as the company, whose name may look like a
    // person's; a person's name there is the contact's or the signer's, and those are ruled out below.
    const personLike = Boolean(personName(plain)?.match(TWO_NAMES));
    if (!(personLike && plain === signerOf(evidence.text)))
      found.push({
        value: plain,
        source: 'sender.name',
        score: personLike ? 50 : 60,
        evidence: sender.name ?? '',
      });
  }
  found.push(...signatureCompanies(evidence.text));
  // Two places that agree on a sure name settle it; the whole text is read only when they do not.
  const weighing = weighingOf(evidence);
  const early = decide(fullestSpelling(weigh(found, weighing), weighing), THRESHOLDS, weighing.same);
  const agreed = early.candidates[0]?.notes.some((note) => note.startsWith('also in'));
  if (early.certain && agreed) return early;
  found.push(...legalNames(evidence.body));
  // A description the text does not already show ("Andes Fintech S.A.S." in Calendly's event only).
  const description = evidence.calendarDescription?.slice(0, 2_000);
  if (description && !evidence.body.includes(description.slice(0, 200)))
    found.push(...legalNames(description).map((f) => ({ ...f, source: 'calendar.description' })));
  const head = evidence.body.slice(0, 8_000);
  for (const { pattern, needs } of TEXT_PHRASES) {
    if (needs.length > 0 && !needs.some((word) => head.includes(word))) continue;
    // The module's own pattern run by exec (matchAll would copy it for every text); no match is empty.
    pattern.lastIndex = 0;
    for (let match = pattern.exec(head); match; match = pattern.exec(head)) {
      // "Zespół HR Nadwiślańska Logistyka", "Team Recruiting Contoso": a team word before the company.
      const name = cleanCompany(afterTeamWord(match[1] ?? '') ?? match[1]);
      if (name) found.push({ value: name, source: 'text.phrase', score: 52, evidence: match[0] });
      if (found.length > 80) break;
    }
  }
  found.push(...placeLines(head));
  found.push(
    ...domainCompanies(evidence.contactAddress, weighing.contactLabel, evidence.subject, evidence.body),
  );
  return decide(fullestSpelling(weigh(found, weighing), weighing), THRESHOLDS, weighing.same);
}

const THRESHOLDS = { floor: 30, sure: 75, margin: 12 };

/**
 * The best candidate in its fullest written form: "Chinook" from "Chinook Talent Scheduling" becomes
 * "Chinook Midstream" when the text writes that too, with the shorter one's score.
 */
function fullestSpelling(candidates: Candidate[], weighing: Weighing): Candidate[] {
  // `candidates` is weigh's own new array: sorted in place (a stable sort, as a copy's would be).
  const sorted = sortByScore(candidates);
  const best = sorted[0];
  if (!best) return sorted;
  const bestKey = keyOf(weighing.keys, best.value);
  const bestLength = squash(best.value).length;
  // The longest spelling of the same name (the first of equal lengths), one pass over the candidates.
  let fuller: Candidate | undefined;
  let fullerLength = 0;
  for (const c of sorted) {
    if (c.score <= 0 || c.score < best.score - 30 || c.source.startsWith('domain')) continue;
    const length = squash(c.value).length;
    if (length <= bestLength || (fuller && length <= fullerLength)) continue;
    if (!sameNameKey(keyOf(weighing.keys, c.value), bestKey)) continue;
    // "Northbeam" does not become "Northbeam Recruiting": a team is not the company's fuller name.
    if (TEAM_SUFFIX.test(c.value) || c.value.split(WHITESPACE_RUN).length > 5) continue;
    fuller = c;
    fullerLength = length;
  }
  if (!fuller) return sorted;
  sorted[0] = { ...best, value: fuller.value, notes: [...best.notes, `written in full in ${fuller.source}`] };
  return sorted;
}

const PARTICLES = new Set(
  'and und et y e i of the de des del della der den di du la le les van von für for to zu a an na no do da em en'.split(
    ' ',
  ),
);

// Words of a job title's level or stack, which no company name holds ("Acheteur senior", "Backend Go").
const SENIORITY = asWordTree(
  /(?:^|\s)(?:senior|sénior|junior|staff|principal|sr\.?|jr\.?|backend|back-end|frontend|front-end|full[ -]?stack|devops)(?:\s|$)/i,
);
// Tags Japanese and Chinese subjects put in brackets that say what the mail is, not who sends it
// ("【リマインド】", "【再送】", "【重要】", "【提醒】").
const CJK_NOTICE = asWordTree(
  /^(?:リマインド|リマインダー|再送|再送信|重要|至急|緊急|紧急|お知らせ|ご連絡|連絡|確認|ご確認|要確認|変更|提醒|重要通知|更新|変更|明日|本日|今日|速報)$/u,
);
// A job title's last word: "…エンジニア職", "…岗位", "…工程师", "…専員".
const CJK_ROLE_END = asWordTree(
  /(?:職|职位|職位|岗位|崗位|职缺|職缺|工程师|工程師|エンジニア|デザイナー|マネージャー|スタッフ|専門職|专员|專員|设计师|設計師|策划|策劃|经理|經理|营业|営業|企画)$/u,
);
const DOMAIN_SPELLS = 'the domain spells it';
const DOMAIN_BONUS = 22;

/** What a name's shape says: the domain spells it, it reads as a role, a department, a person's name… */
function nameShape(
  value: string,
  key: string,
  labels: string[],
  people: string[],
): { delta: number; notes: string[] } {
  // Each finding adds to the score and says why, in this order.
  const notes: string[] = [];
  let delta = 0;
  let spelled = false;
  for (let k = 0; k < labels.length && !spelled; k++) spelled = domainSpells(labels[k] ?? '', value, key);
  if (spelled) {
    delta += DOMAIN_BONUS;
    notes.push(DOMAIN_SPELLS);
  }
  // A person's name, or its first part ("Mark" signed by Mark Delaney).
  if (isPersonKey(people, key)) {
    delta -= 200;
    notes.push("a person's name");
  } else if (!(WIDE_CHARACTER.test(value) && HAN_OR_KATAKANA.test(value))) {
    const words = value.split(WHITESPACE_RUN);
    if (STARTS_LOWER.test(value)) {
      delta -= 30;
      notes.push('lower case');
    }
    // "Conseillère en ressources financières": lower-case words besides particles make a phrase.
    let lower = 0;
    for (const w of words) if (LOWER_WORD.test(w) && !PARTICLES.has(w)) lower++;
    if (lower >= 2) {
      delta -= 30;
      notes.push('a phrase, not a name');
    }
    // A job noun first or last, read only where the domain does not spell the name.
    if (
      LOOKS_LIKE_ROLE.test(value) ||
      (!spelled &&
        (JOB_NOUN.test(words[0] ?? '') ||
          (words.length > 1 && JOB_NOUN.test(words.at(-1) ?? '')) ||
          SENIORITY.test(value)))
    ) {
      delta -= 40;
      notes.push('reads as a role');
    }
    if (isDepartment(value)) {
      delta -= 40;
      notes.push('a department');
    }
    if (INTERVIEW_WORD.test(value)) {
      delta -= 35;
      notes.push('reads as an interview');
    }
    if (DIGIT.test(value)) {
      delta -= 25;
      notes.push('holds digits');
    }
    if (words.length > 6) {
      delta -= 20;
      notes.push('too long for a name');
    }
  } else if (CJK_INTERVIEW_CHARACTER.test(value)) {
    delta -= 35;
    notes.push('reads as an interview');
  } else if (CJK_NOTICE.test(value)) {
    delta -= 100;
    notes.push('a notice tag, not a name');
  } else if (CJK_ROLE_END.test(value)) {
    delta -= 40;
    notes.push('reads as a role');
  }
  return { delta, notes };
}

/** Whether a name's key is a person's (squashed) name, or its first part. */
function isPersonKey(people: readonly string[], key: string): boolean {
  for (const person of people) if (person === key || (key.length >= 3 && person.startsWith(key))) return true;
  return false;
}

const DIGIT = /\d/;
const CJK_INTERVIEW_CHARACTER = /[面試试邀請请通知安排案内日程]/u;

/** What a name's own shape says: the same for a name wherever it was read, so kept across weighings. */
type Shapes = Map<string, { delta: number; notes: string[] }>;

/**
 * What every weighing of one mail's candidates shares: the domains' labels, the people, the shapes known,
 * each name's key, and the candidates weighed so far (a later weighing weighs only those read since).
 */
interface Weighing {
  labels: string[];
  /** The contact's address's own label (ownLabel), for the company the domain names. */
  contactLabel: string | null;
  people: string[];
  shapes: Shapes;
  keys: Map<string, string>;
  /** Two names that say the same (sameName), on the keys made once. */
  same: (a: string, b: string) => boolean;
  /** How many of the mail's candidates are weighed; those, without repeats, and their keys. */
  read: number;
  /** The names read so far, by the place they were read in. */
  seen: Map<string, Set<string>>;
  weighed: Candidate[];
  weighedKeys: string[];
  unspaced: boolean[];
}

function weighingOf(evidence: CompanyEvidence): Weighing {
  const keys = new Map<string, string>();
  const { labels, contactLabel } = labelsOf(evidence);
  const weighing: Weighing = {
    labels,
    contactLabel,
    people: evidence.people.filter((p): p is string => Boolean(p)).map(squash),
    shapes: new Map(),
    keys,
    same: sameNameIn(keys),
    read: 0,
    seen: new Map(),
    weighed: [],
    weighedKeys: [],
    unspaced: [],
  };
  return weighing;
}

/**
 * sameName on the keys made once. (An anonymous function: a bundle that keeps names would name a closure
 * made per call, and naming one is slow.)
 */
function sameNameIn(keys: Map<string, string>): (a: string, b: string) => boolean {
  return (a, b) => sameNameKey(keyOf(keys, a), keyOf(keys, b));
}

/** A name's key (nameKey), made once per mail. */
function keyOf(keys: Map<string, string>, value: string): string {
  let key = keys.get(value);
  if (key === undefined) {
    key = nameKey(value);
    keys.set(value, key);
  }
  return key;
}

/**
 * Scores every candidate against the rest of the evidence: the domain, the other candidates, its own shape.
 * `all` only grows between weighings of one mail: what a candidate's own score is, is worked out once.
 */
function weigh(all: Found[], weighing: Weighing): Candidate[] {
  const { labels, people, shapes, seen, weighed, weighedKeys, unspaced } = weighing;
  for (; weighing.read < all.length; weighing.read++) {
    const f = all[weighing.read] as Found;
    // The same name read twice in the same place counts once.
    const inSource = seen.get(f.source);
    if (inSource?.has(f.value)) continue;
    if (inSource) inSource.add(f.value);
    else seen.set(f.source, new Set([f.value]));
    const key = keyOf(weighing.keys, f.value);
    // What a name's own shape says, worked out once per name (a name is often read in several places).
    let shape = shapes.get(f.value);
    if (!shape) {
      shape = nameShape(f.value, key, labels, people);
      shapes.set(f.value, shape);
    }
    // The domain's own guess gains nothing from spelling the domain.
    const fromDomain = f.source.startsWith('domain') && shape.notes[0] === DOMAIN_SPELLS;
    const notes = fromDomain ? shape.notes.slice(1) : shape.notes;
    const score = f.score + shape.delta - (fromDomain ? DOMAIN_BONUS : 0);
    weighed.push({ value: f.value, source: f.source, evidence: excerpt(f.evidence), score, notes });
    weighedKeys.push(key);
    unspaced.push(isUnspaced(key));
  }
  // Candidates that agree (the same name, or one the start of the other) support each other.
  return weighed.map((candidate, index) => {
    if (candidate.score <= 0) return candidate;
    const supporters = new Set<string>();
    for (let j = 0; j < weighed.length; j++) {
      const other = weighed[j] as Candidate;
      if (j === index || other.source === candidate.source || other.score <= 0) continue;
      const either = (unspaced[j] ?? false) || (unspaced[index] ?? false);
      if (sameNameKey(weighedKeys[j] ?? '', weighedKeys[index] ?? '', either)) supporters.add(other.source);
    }
    if (supporters.size === 0) return candidate;
    const bonus = 8 * Math.min(3, supporters.size);
    return {
      ...candidate,
      score: candidate.score + bonus,
      notes: [...candidate.notes, `also in ${[...supporters].join(', ')}`],
    };
  });
}

/** The company alone, for callers that need no explanation. */
export function findCompany(
  subject: string,
  body: string,
  contactAddress: string | null,
  options: { calendarSummary?: string | null; senderName?: string | null; exclude?: (string | null)[] } = {},
): string | null {
  return readCompany({
    subject,
    calendarSummary: options.calendarSummary ?? null,
    text: body,
    body,
    senders: options.senderName ? [{ name: options.senderName, address: 'sender@unknown.invalid' }] : [],
    contactAddress,
    people: options.exclude ?? [],
  }).value;
}
