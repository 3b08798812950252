import { isSpaceCode } from './forward-headers.js';
import { isQuoteLine } from './time-thread.js';

/**
 * How likely a date found in the invite is the interview itself rather than another date in the same mail
 * ("applied on", "confirm by", a forwarded "Sent:" line, a signature). Higher is better; below
 * MIN_SCORE a date is not taken at all.
 */

export const MIN_SCORE = 2;

const INTERVIEW_WORDS =
  /\b(?:when|wann|quand|cuándo)\s?:|interview|\bcall\b|meeting|\bchat\b|conversation|video|zoom|teams|google meet|phone screen|screening|on-?site|assessment|schedul|invit|\bslot\b|vorstellungsgespr|gespräch|kennenlern|telefonat|termin|treffen|einlad|entretien|entrevue|rendez-vous|\bappel\b|réunion|visio|rencontre|convoc|entrevista|reuni[oó]n|llamada|\bcita\b|videollamada|colloquio|incontr|gesprek|afspraak|uitnodig|ingepland|reunião|chamada|convid|intervju|samtal|möte|rozmow|spotkani|面试|面試|面接|面談|日時|日程|时间[：:]|時間[：:]/gi;

/** Dates of events that are not an interview with the candidate: webinars, fairs, newsletters' sessions. */
const EVENT_WORDS =
  /webinar|livestream|live q&a|\bq&a\b|register|registration|conference|seminar|workshop|meetup|open day|job fair|career fair|info session|veranstaltung|messe|anmeld|séminaire|salon|inscri|feria|seminario|evento/i;

/**
 * Words before a date that make it something else: when the candidate applied, when the mail was sent,
 * when a job offered would start.
 */
const OTHER_EVENT =
  /\b(?:appl(?:ied|ication)|submitted|posted|published|beworben|bewerbung|eingegangen|eingereicht|veröffentlicht|postul|candidature|publié|solicitud|recibid|publicad|candidatura|sollicitatie|inviato|start(?:ing)? date|date of joining|joining date|eintrittsdatum|arbeitsbeginn|date de début|prise de poste|fecha de (?:inicio|incorporación)|data di inizio|data de início|startdatum|first (?:working )?day|(?:erste[nr]?|1\.) arbeitstag|arbeitsantritt|dienstantritt|eintritt|incorporaci[oó]n|incorporarte|te incorpor|premier jour|prise de fonctions?|entrée en fonctions?|primer día|primo giorno|presa (?:in )?servizio|eerste werkdag|indiensttreding|primeiro dia|första arbetsdag|tillträde|pierwszy dzień pracy|rozpoczęcie pracy)/gi;

/**
 * A job offer: its dates are a first working day or a reply deadline, and only a date with interview words
 * in its own sentence is an interview ("before the offer, one last chat on Tuesday at 10").
 */
export const OFFER_MAIL =
  /\b(?:offer letter|job offer|offer of employment|(?:pleased|delighted|happy|thrilled) to (?:formally )?offer you (?:the|a|this) (?:position|role|job)|vertragsangebot|jobangebot|arbeitsvertrag|die stelle (?:als [^.\n]{1,60} )?anbieten|ofrecerte el puesto|carta (?:de )?oferta|oferta de (?:empleo|trabajo)|proposition d['’]embauche|promesse d['’]embauche|lettre d['’]offre|offerta di lavoro|proposta di assunzione|lettera di assunzione|arbeidsovereenkomst|proposta de (?:emprego|trabalho)|anställningserbjudande|oferta pracy|propozycja zatrudnienia)/i;

/** A deadline: the date right after "by", "Deadline:", "bis zum", "avant le", "antes del", "senast", "do". */
const DEADLINE_TAIL =
  /(?:\bby|\bbefore|\buntil|\btill|\bthan|\bdeadline|\bdue(?:\s+date|\s+on)?|\bexpires?(?:\s+on)?|\bcloses?(?:\s+on)?|\bbis(?:\s+zum|\s+spätestens)?|\bspätestens(?:\s+am|\s+bis)?|\bfrist|\bavant(?:\s+le)?|\bdate limite|d['’]ici(?:\s+le|\s+au)?|\btard(?:\s+le)?|\bantes\s+del?|\bfecha límite|\btardar(?:\s+el)?|\bhasta(?:\s+el)?|\buiterlijk(?:\s+op)?|\bentro(?:\s+il)?|\bscadenza|\baté(?:\s+[àao])?|\bsenast|\bdo(?:\s+dnia)?)[\s,:–-]*(?:the\s+|le\s+|el\s+|den\s+|o\s+dia\s+|dia\s+)?$/i;
/** A deadline written after the date, as Japanese and Chinese do: "1月13日（水）までに", "3月5日前". */
const DEADLINE_HEAD = /^\s*(?:[（(][^）)\n]{1,4}[）)])?\s*(?:までに|まで|前|以前|之前)|^\s*EOD\b/;
/** The date's event was called off: "your interview … has been cancelled", "se ha cancelado". */
const CANCELLED =
  /\bwe(?:'re| are|'ll| will)?(?: afraid we)?(?: need to| have to| must| had to| are going to)?\s+cancel(?:l?ing)?\b|\bcancell?ed\b|nous devons annuler|tenemos que cancelar|dobbiamo annullare|müssen wir [^.!?\n]{0,40}absagen|\bcalled off\b|abgesagt|storniert|\bannulée?\b|cancelad[ao]|cancellat[ao]|annullat[ao]|geannuleerd|afgezegd|inställd|ställts in|avbokad|odwołan|anulowan|キャンセル(?:に|と)なりました|中止(?:に|と)なりました|已取消|被取消|取消了/i;
/** Times offered to choose from, not an interview fixed: "most openings on …", "pick a slot". */
const OPENINGS =
  /\b(?:openings?|availability|available slots?|free slots?|open slots|slots (?:are )?(?:open|available)|pick (?:a|any|whatever)|choose (?:a|any)|book (?:a|any)|scheduling link)\b|\b(?:freie (?:zeiten|termine|slots)|zeitfenster|buchen sie|wählen sie|créneaux|disponibilités|réservez|choisissez|huecos|franjas|elige|escoge|reserva (?:un|tu)|fasce orarie|disponibilità|prenoti|scelga|scegli|beschikbaarheid|tijdsloten|kies een|horários disponíveis|escolha|lediga tider|välj en tid|boka en tid|wolne terminy|wybierz termin)/i;
/**
 * A window of days the date closes: "from Monday 8 March to Friday 12 March", "zwischen dem 15. und 19. März",
 * "du 10 au 12 mars". A slot is booked in it; none is fixed.
 */
export const DAY_RANGE_BEFORE =
  /(?:\b(?:from|von|vom|du|del|dal|van|från|od)\b[^\n.!?]{0,30}\d(?:st|nd|rd|th|\.)?(?:\s*\p{L}+\.?)?,?\s+(?:to|until|till|through|bis(?:\s+zum)?|au|al|fino al|tot|do|a)|\b(?:between|zwischen|entre|tra|fra|tussen|mellan|między)\b[^\n.!?]{0,30}\d(?:st|nd|rd|th|\.)?(?:\s*\p{L}+\.?)?,?\s+(?:and|und|et|y|e|en|och|a))\s+(?:the\s+|dem\s+|den\s+|le\s+|el\s+|il\s+)?$/iu;
const DIGIT = /\d/;

/**
 * Whether a sentence's end may close a window of days: DAY_RANGE_BEFORE's every match holds a digit and
 * ends in white space, so a sentence without either needs no look with it.
 */
export function mayCloseDayRange(text: string): boolean {
  return text.length > 0 && isSpaceCode(text.charCodeAt(text.length - 1)) && DIGIT.test(text);
}

/** A window to book in: "anywhere between 9 AM and 4 PM". */
const WINDOW =
  /\b(?:anywhere|any ?time|jederzeit|jeweils|each day|every day|daily|täglich|chaque jour|cada día|ogni giorno|elke dag|varje dag|codziennie)\b|\b(?:between|zwischen|entre|tra|tussen|mellan|między)\b.{1,20}\b(?:and|und|et|y|e|en|och|a)\b/i;
const LONGEST_SLOT_MINUTES = 180;

/** An old or replaced time in a rescheduling mail. */
const REPLACED =
  /\b(?:originally|previously|instead of|no longer|ursprünglich|statt|initialement|au lieu|originalmente|en lugar|invece di|in plaats van|em vez de|istället för|zamiast)|原定|原来|当初/gi;
/** The new time in a rescheduling mail, or a time agreed: "moved your interview to", "new time", "confirmed for". */
const NEW_TIME =
  /\b(?:(?:mov|push|reschedul|shift|chang|postpon|bump)(?:e|ed|ing)?\b[^.!?\n]{0,40}?\bto|new (?:time|date|slot)|now be|instead|confirmed (?:for|on)|you(?:'re| are) (?:booked|confirmed|scheduled)|lock in|verschoben auf|verlegt auf|neuer termin|reporté au|déplacé au|nouvelle date|nouvel horaire|cambiad[ao] al?|movid[ao] al?|nueva fecha|nueva hora|spostat[ao] a|verplaats\w*\b[^.!?\n]{0,40}?\bnaar|in plaats daarvan|stattdessen|à la place|en su lugar|remarcad[ao] para|flyttad till|przeniesion)|改为|改到|改成|変更/gi;
/** A time among others offered to choose from: "10:00 AM, 2:15 PM or 4:30 PM". */
const MORE_OPTIONS = /^\s{0,3}(?:,|\bor\b|\boder\b|\bou\b|\bo\b|\bof\b|\beller\b|\blub\b)\s{0,3}\d/i;

/** Header lines of a forwarded or quoted message, in the languages mail clients write them. */
const HEADER_LINE =
  /^[\s>]*(?:\*{0,2})(?:sent|date|datum|gesendet|envoyé|date d['’]envoi|enviado(?: el)?|enviada|fecha|data|verzonden|inviato|skickat|received)(?:\*{0,2})\s*:/i;
/** The other lines of a header block: a "Date:" line among them is the forward's, not the interview's. */
const HEADER_NEIGHBOUR =
  /^[\s>]*\*{0,2}(?:from|to|cc|subject|von|an|betreff|de|à|a|objet|para|asunto|van|aan|onderwerp)\*{0,2}\s*:/im;

export interface ScoreInput {
  /** The text the date was found in, and where. */
  text: string;
  index: number;
  end: number;
  hasTime: boolean;
  hasEnd: boolean;
  /** Minutes from the start to the written end (0 without one). */
  rangeMinutes: number;
  /** Where the written time ends (the date's end when the time is part of it). */
  timeEnd: number;
  /** A day of the month was written (not only a weekday or a relative word). */
  hasDayOfMonth: boolean;
  /** The instant lies well before the original message was sent. */
  inPast: boolean;
  /** The date is a span of several days ("du 9 au 11 décembre"). */
  spansDays?: boolean;
  /** The mail is a job offer (OFFER_MAIL). */
  inOffer?: boolean;
}

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const newline = text.indexOf('\n', index);
  const end = newline === -1 ? text.length : newline;
  return text.slice(start, Math.min(end, start + 400));
}

function previousLine(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index - 1);
  if (lineStart <= 0) return '';
  return text.slice(Math.max(text.lastIndexOf('\n', lineStart - 1) + 1, lineStart - 200), lineStart);
}

/** Up to two lines on each side of the date's line, without the line itself. */
function neighbourLines(text: string, index: number): string {
  let start = text.lastIndexOf('\n', index - 1);
  for (let i = 0; i < 2 && start > 0; i++) start = text.lastIndexOf('\n', start - 1);
  let end = text.indexOf('\n', index);
  for (let i = 0; i < 2 && end !== -1; i++) end = text.indexOf('\n', end + 1);
  const from = Math.max(0, start + 1, index - 600);
  const to = Math.min(end === -1 ? text.length : end, index + 600);
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const lineEnd = text.indexOf('\n', index);
  return `${text.slice(from, lineStart)}\n${lineEnd === -1 ? '' : text.slice(lineEnd + 1, to)}`;
}

function isHeaderLine(text: string, index: number): boolean {
  if (isQuoteLine(text, index)) return true;
  const line = lineAround(text, index);
  return HEADER_LINE.test(line) && HEADER_NEIGHBOUR.test(neighbourLines(text, index));
}

/** The part of the current sentence before the date (sentences end at ". ", "! ", "? " or a blank line). */
function sentenceBefore(text: string, index: number): string {
  const window = text.slice(Math.max(0, index - 150), index);
  let cut = 0;
  for (let i = window.length - 2; i >= 0; i--) {
    const char = window[i];
    const next = window[i + 1];
    // Chinese and Japanese end sentences with "。！？" and no space.
    if (char === '。' || char === '！' || char === '？') {
      cut = i + 1;
      break;
    }
    if ((char === '.' || char === '!' || char === '?') && (next === ' ' || next === '\n' || next === '\r')) {
      // "a.m." and "8." (a German day) do not end a sentence.
      const previous = window[i - 1] ?? '';
      if (/\d/.test(previous) || /^\s?[ap]\.m$/i.test(window.slice(i - 4, i))) continue;
      cut = i + 1;
      break;
    }
    if (
      char === '\n' &&
      window
        .slice(i + 1)
        .trimStart()
        .startsWith('\n')
    ) {
      cut = i + 1;
      break;
    }
  }
  return window.slice(cut);
}

function sentenceAfter(text: string, end: number): string {
  const window = text.slice(end, end + 80);
  const stop = window.search(/[.!?](?:\s|$)|[。！？]|\n\s*\n/);
  return stop === -1 ? window : window.slice(0, stop);
}

/** Distance from the end of `text` back to the end of the last match of a global regex, or Infinity. */
function distanceFromEnd(text: string, pattern: RegExp): number {
  let last = -1;
  // exec in place rather than matchAll, which copies the pattern at every call.
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    last = match.index + match[0].length;
    if (match[0] === '') pattern.lastIndex++;
  }
  pattern.lastIndex = 0;
  return last === -1 ? Number.POSITIVE_INFINITY : text.length - last;
}

/** Distance from the start of `text` to the first match, or Infinity. */
function distanceFromStart(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  const match = pattern.exec(text);
  pattern.lastIndex = 0;
  return match ? match.index : Number.POSITIVE_INFINITY;
}

export function scoreCandidate(input: ScoreInput): number {
  if (isHeaderLine(input.text, input.index)) return -10;
  const before = sentenceBefore(input.text, input.index);
  const after = sentenceAfter(input.text, input.end);
  // The nearest cue decides: "Thanks for your application; we'd like to interview you on …" is an interview.
  const interview = Math.min(
    distanceFromEnd(before, INTERVIEW_WORDS),
    distanceFromStart(after, INTERVIEW_WORDS),
  );
  const other = distanceFromEnd(before, OTHER_EVENT);
  let score = 0;
  if (interview < Number.POSITIVE_INFINITY) score += 3;
  else if (
    distanceFromEnd(input.text.slice(Math.max(0, input.index - 200), input.index), INTERVIEW_WORDS) < 200
  ) {
    score += 1;
  }
  if (other < interview) score -= 5;
  else if (input.inOffer && interview === Number.POSITIVE_INFINITY) score -= 5;
  if (DEADLINE_TAIL.test(before.slice(-40)) || DEADLINE_HEAD.test(after)) score -= 6;
  if (CANCELLED.test(before) || CANCELLED.test(after)) score -= 8;
  if (OPENINGS.test(before)) score -= 3;
  if (MORE_OPTIONS.test(input.text.slice(input.timeEnd, input.timeEnd + 12))) score -= 4;
  const written = input.text.slice(Math.max(0, input.index - 20), input.end);
  if (input.rangeMinutes > LONGEST_SLOT_MINUTES && WINDOW.test(written)) score -= 6;
  // "Instead of Monday 8 March, I propose Wednesday 10 March": the old time follows the word, this one does not.
  const replaced = distanceFromEnd(before, REPLACED);
  const replacedOther =
    replaced < Number.POSITIVE_INFINITY && /\d/.test(before.slice(before.length - replaced));
  const renewed = distanceFromEnd(before, NEW_TIME);
  if (replaced < renewed && !replacedOther) score -= 3;
  else if (renewed < replaced) score += 2;
  // A window to book in (unless it is a move from one day to another).
  const tail = before.slice(-80);
  if (
    input.spansDays ||
    (renewed === Number.POSITIVE_INFINITY && mayCloseDayRange(tail) && DAY_RANGE_BEFORE.test(tail))
  ) {
    score -= 6;
  }
  if (
    EVENT_WORDS.test(before) ||
    EVENT_WORDS.test(after) ||
    EVENT_WORDS.test(previousLine(input.text, input.index))
  ) {
    score -= 5;
  }
  if (input.inPast) score -= 4;
  if (input.hasTime) score += 2;
  if (input.hasEnd) score += 1;
  if (input.hasDayOfMonth) score += 1;
  return score;
}
