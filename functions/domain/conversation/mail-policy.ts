import type { ParsedMail } from '../mail/parse-mail.js';
import { headerValue } from '../mail/parse-mail.js';
import type { Verdicts } from '../model.js';
import type { AutomatedReason } from '../outcomes.js';

/** The header Bowout puts on everything it sends, to recognise its own mail coming back. */
export const LOOP_HEADER = 'X-Bowout-Loop';

function domainOf(address: string | null | undefined): string | null {
  return address?.split('@')[1]?.toLowerCase() ?? null;
}

/** Relaxed alignment: the same domain or one a subdomain of the other. */
function aligned(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/**
 * Is the From address really the sender's? Only SES's verdicts count, for mail with one From header:
 * DMARC passed, or (when the
 * domain publishes no DMARC) SPF passed for an aligned envelope sender, or DKIM passed and every
 * signature in the mail is aligned with From (so a valid signature of another domain proves nothing).
 */
export function senderIsAuthenticated(verdicts: Verdicts, envelopeFrom: string, mail: ParsedMail): boolean {
  // Two From headers: SES may have judged one sender and the parser read the other.
  if (mail.headers.filter((h) => h.key === 'from').length > 1) return false;
  if (verdicts.dmarc === 'PASS') return true;
  if (verdicts.dmarc === 'FAIL') return false;
  const fromDomain = domainOf(mail.from?.address);
  if (verdicts.spf === 'PASS' && aligned(domainOf(envelopeFrom), fromDomain)) return true;
  if (verdicts.dkim === 'PASS') {
    const signers = mail.headers
      .filter((h) => h.key === 'dkim-signature')
      .map((h) => h.value.match(/(?:^|;)\s*d=([^;\s]+)/i)?.[1]?.toLowerCase() ?? null);
    return signers.length > 0 && signers.every((d) => aligned(d, fromDomain));
  }
  return false;
}

/**
 * The subject prefixes out-of-office and auto-reply messages carry, by language, lower case, without
 * the colon (matched at the start of the subject, a colon or a space after). The clients put them
 * there themselves (Outlook and Exchange in the user's language, Gmail's vacation responder, Apple
 * Mail rules, Lotus Notes), so they are the one sign left when a responder sets no header at all.
 */
const OUT_OF_OFFICE_PREFIXES: Record<string, readonly string[]> = {
  en: [
    'out of office',
    'out of the office',
    'ooo',
    'automatic reply',
    'auto reply',
    'auto-reply',
    'autoreply',
    'auto response',
    'auto-response',
    'autoresponse',
    'away from the office',
    'away from my desk',
    'on vacation',
    'on leave',
    'auto',
  ],
  de: [
    'automatische antwort',
    'abwesenheitsnotiz',
    'abwesenheitsmeldung',
    'abwesend',
    'nicht im büro',
    'außer haus',
    'ausser haus',
  ],
  fr: [
    'réponse automatique',
    'reponse automatique',
    'absent du bureau',
    'absence du bureau',
    'message d’absence',
    "message d'absence",
    'absent',
  ],
  es: [
    'fuera de la oficina',
    'fuera de oficina',
    'respuesta automática',
    'respuesta automatica',
    'ausente',
    'ausencia',
  ],
  it: ['risposta automatica', 'fuori sede', 'fuori ufficio', 'assente'],
  nl: ['automatisch antwoord', 'afwezig', 'niet op kantoor', 'buiten kantoor'],
  pt: [
    'resposta automática',
    'resposta automatica',
    'fora do escritório',
    'fora do escritorio',
    'ausente do escritório',
  ],
  sv: ['autosvar', 'automatiskt svar', 'frånvarande', 'inte på kontoret'],
  da: ['automatisk svar', 'ikke på kontoret', 'fraværende', 'autosvar'],
  no: ['automatisk svar', 'fraværende', 'ikke på kontoret', 'fravær'],
  fi: ['automaattinen vastaus', 'poissa toimistolta', 'lomavastaaja'],
  pl: ['automatyczna odpowiedź', 'automatyczna odpowiedz', 'poza biurem', 'nieobecność'],
  cs: ['automatická odpověď', 'automaticka odpoved', 'mimo kancelář'],
  hu: ['automatikus válasz', 'házon kívül'],
  ro: ['răspuns automat', 'raspuns automat'],
  tr: ['otomatik yanıt', 'otomatik cevap', 'ofis dışında'],
  el: ['αυτόματη απάντηση', 'εκτός γραφείου'],
  ru: ['автоматический ответ', 'автоответ', 'нет на месте', 'вне офиса'],
  uk: ['автоматична відповідь', 'поза офісом'],
  ja: ['自動返信', '自動応答', '不在'],
  zh: ['自动回复', '自動回覆', '自動回復', '自动答复', '不在办公室'],
  ko: ['자동 회신', '자동 응답', '부재중'],
  he: ['תשובה אוטומטית', 'מחוץ למשרד'],
  ar: ['رد تلقائي', 'الرد التلقائي', 'خارج المكتب'],
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// "Auto:" alone (Lotus Notes) only with its colon: a subject may start with the word "Auto".
const OUT_OF_OFFICE = new RegExp(
  `^(?:\\[[^\\]]{1,40}\\]\\s*)?(?:${[...new Set(Object.values(OUT_OF_OFFICE_PREFIXES).flat())]
    .filter((prefix) => prefix !== 'auto')
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})(?=\\s*[:：\\-–—(]|\\s|$)|^auto\\s*[:：]`,
  'iu',
);

/** Whether a subject is an out-of-office or auto-reply subject, in any of the languages above. */
export function isOutOfOfficeSubject(subject: string): boolean {
  return OUT_OF_OFFICE.test(subject.normalize('NFKC').trim());
}

/** Headers that exist only on automatically generated mail (RFC 3834's and the de facto ones). */
const AUTO_REPLY_HEADERS = [
  'x-autoreply',
  'x-autorespond',
  'x-autogenerated',
  'x-auto-generated',
  'x-mail-autoreply',
  'x-autoreply-from',
  'x-autoresponder',
];

/**
 * Whether an address is one of Bowout's own: any address at its domain or a subdomain of it (the
 * sender, cancel@, the reply addresses, the MAIL FROM domain of its bounces).
 */
export function isOwnAddress(address: string | null | undefined, own: { domain: string }): boolean {
  const domain = domainOf(address);
  const ownDomain = own.domain.toLowerCase();
  return domain !== null && (domain === ownDomain || domain.endsWith(`.${ownDomain}`));
}

/**
 * Why a message must get no answer and no action: auto-replies, bounces, list mail and our own mail
 * coming back, whether it still carries the loop header or a mail client dropped it on the way (mail
 * From, or sent by, one of Bowout's own addresses: no user writes from there). Returns null for mail a
 * person wrote.
 *
 * `X-Auto-Response-Suppress` is not among these signs: Exchange and Outlook put it on ordinary mail a
 * person wrote (meeting requests, forwards, replies), so a forward carrying it is still read and drafted,
 * and a command still carried out. What it asks for (no automatic answer to this message) is honoured by
 * `asksForNoAutomaticAnswer`: such mail gets none of the answers Bowout gives to mail that is neither an
 * invite nor a command.
 */
export function automatedReason(
  mail: ParsedMail,
  envelopeFrom: string,
  own?: { domain: string },
): AutomatedReason | null {
  if (headerValue(mail, LOOP_HEADER.toLowerCase()) !== null) return 'own-loop';
  if (own && (isOwnAddress(mail.from?.address, own) || isOwnAddress(envelopeFrom, own))) return 'own-loop';
  if (envelopeFrom.trim() === '' || envelopeFrom === '<>') return 'bounce';
  if (/^(mailer-daemon|postmaster)@/i.test(envelopeFrom)) return 'bounce';
  if (mail.contentType === 'multipart/report') return 'bounce';
  const autoSubmitted = headerValue(mail, 'auto-submitted');
  if (autoSubmitted && !/^\s*no\b/i.test(autoSubmitted)) return 'auto-submitted';
  if (AUTO_REPLY_HEADERS.some((key) => headerValue(mail, key) !== null)) return 'auto-reply';
  const precedence = (headerValue(mail, 'precedence') ?? headerValue(mail, 'x-precedence') ?? '').trim();
  if (/^auto[_-]?reply$/i.test(precedence)) return 'auto-reply';
  if (/^(bulk|junk|list)$/i.test(precedence)) return 'bulk';
  if (mail.headers.some((h) => h.key.startsWith('list-'))) return 'mailing-list';
  if (isOutOfOfficeSubject(mail.subject)) return 'out-of-office';
  return null;
}

/** The sender asked for no automatic answer (Exchange's `X-Auto-Response-Suppress`, any value but none). */
export function asksForNoAutomaticAnswer(mail: ParsedMail): boolean {
  const suppress = headerValue(mail, 'x-auto-response-suppress');
  return suppress !== null && suppress.trim() !== '' && !/^\s*none\s*$/i.test(suppress);
}
