/**
 * Finds the header block a mail client writes above a message it forwards inline ("From: … Date: …
 * Subject: … To: …", in any of the languages clients use), with or without a separator line
 * ("---------- Forwarded message ---------", "-----Original Message-----", "Begin forwarded message:",
 * Outlook's "________________________________"), quoted with ">" or not, one field per line or all glued
 * on one line as Yahoo does. One pass over the lines, each line looked at a bounded number of times.
 */

export type HeaderName = 'from' | 'date' | 'subject' | 'to' | 'cc' | 'replyTo';

// Each header's label in the languages clients write it, '|'-separated (labels may hold spaces).
const LABELS: Record<HeaderName, string> = {
  from: 'from|von|de|da|van|fra|från|od|lähettäjä|šalje|feladó|expeditorul|отправитель|от|від|від кого|saatja|de la|gönderen|kimden|mittente|nadawca|送信元|差出人|发件人|發件人|寄件者|寄件人|보낸 사람|보낸사람|από|dari|người gửi|remetente|afzender|avsändare|absender|lähettäjä',
  date: 'date|sent|datum|dato|envoyé|envoyé le|fecha|päivämäärä|dátum|data|dată|дата|tarih|päiväys|日付|gesendet|enviado|enviada|enviado el|inviato|verzonden|wysłano|trimis|отправлено|odoslané|odesláno|skickat|gönderilen|відправлено|sendt|lähetetty|elküldve|poslano|kelt|sent at|date sent|送信日時|发送时间|發送時間|寄件日期|傳送日期|日期|보낸 날짜|날짜|gönderildi|αποστολή|ημερομηνία|dikirim|tanggal|ngày gửi',
  subject:
    'subject|betreff|objet|asunto|oggetto|assunto|onderwerp|ämne|emne|aihe|temat|předmět|predmet|tárgy|subiect|subiectul|тема|konu|sujet|naslov|件名|主题|主題|主旨|제목|θέμα|perihal|subjek|chủ đề|teema',
  to: 'to|an|à|a|para|aan|till|til|komu|do|címzett|vastaanottaja|prima|destinatarul|către|кому|pre|kime|pour|adresat|送信先|宛先|收件人|收件者|받는 사람|받는사람|προς|kepada|tới|saaja',
  cc: 'cc|kopie|kopio|másolat|kopi|dw|копия|kopia|bilgi|копія|másolatot kap|kópia|copie à|kopie (cc)|cci|bcc|koopia|抄送|副本|참조|κοιν',
  replyTo:
    'reply-to|reply to|antwort an|répondre à|responder a|rispondi a|antwoord aan|svar til|svara till|odpověď na|odgovori na|vastaus|válaszcím|odpowiedź-do|răspuns către|ответ-кому|odpovedať-pre|yanıt adresi|кому відповісти',
};

const LABEL_OF = new Map<string, HeaderName>();
for (const [name, labels] of Object.entries(LABELS) as [HeaderName, string][]) {
  for (const label of labels.split('|')) if (!LABEL_OF.has(label)) LABEL_OF.set(label, name);
}
const LONGEST_LABEL = Math.max(...[...LABEL_OF.keys()].map((l) => l.length));

// Words that mark a line as a forward separator, in the languages clients write them.
const FORWARD_WORDS =
  /forward|weitergeleitet|ursprüngliche|transféré|réexpédié|transmis|d'origine|reenviado|inoltrat|originale?\b|encaminhad|reencaminhad|doorgestuurd|oorspronkelijk|videresend|vidarebefordra|välitetty|edelleenlähetetty|alkuperäinen|přeposílan|přeposlan|preposlan|proslijeđen|továbbított|przekaz|przesłan|redirecționat|переадресован|пересыла|пересила|перенаправлен|переслан|iletil|ileti başlangıcı|İleti başlangıcı|転送/i;

const MAX_LINE = 1000;
const MAX_LINES = 5000;
const MAX_RUN = 30;
const MAX_COLONS = 24;

export interface ForwardBlock {
  /** Where the forward starts in the text: its separator line, else its first header line. */
  start: number;
  /** Where the forwarded message's own body starts (after the header block and blank lines). */
  bodyStart: number;
  /** The first value of each header the block names. */
  fields: Partial<Record<HeaderName, string>>;
  /** Whether the block was quoted with ">" (its body lines are quoted too). */
  quoted: boolean;
  separator: boolean;
}

interface Line {
  start: number;
  end: number;
  /** The line without its quote prefix, capped. */
  content: string;
  quoted: boolean;
  indented: boolean;
}

function* lines(text: string, from: number): Generator<Line> {
  let start = from;
  let count = 0;
  while (start <= text.length && count++ < MAX_LINES) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, Math.min(end, start + MAX_LINE));
    let index = 0;
    let quoted = false;
    while (index < raw.length && (raw[index] === '>' || raw[index] === ' ' || raw[index] === '\t')) {
      if (raw[index] === '>') quoted = true;
      index++;
    }
    yield {
      start,
      end,
      content: raw.slice(index).trimEnd(),
      quoted,
      indented: index > 0 && !quoted,
    };
    start = end + 1;
  }
}

/** Lower case with every character kept in place ("İ" would otherwise grow to two). */
function lowerInPlace(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return Array.from(text, (ch) => {
    const low = ch.toLowerCase();
    return low.length === ch.length ? low : ch;
  }).join('');
}

interface Label {
  name: HeaderName;
  /** Where the label starts in the line. */
  at: number;
}

/** The label ending right before position `colon` of `lower`, longest first ("CETTárgy:" → "tárgy"). */
function labelEndingAt(lower: string, colon: number, atLineStart: boolean): Label | null {
  let end = colon;
  while (end > 0 && (lower[end - 1] === ' ' || lower[end - 1] === '*')) end--;
  for (let length = Math.min(LONGEST_LABEL, end); length >= 1; length--) {
    const start = end - length;
    const name = LABEL_OF.get(lower.slice(start, end));
    if (!name) continue;
    const before = lower.slice(Math.max(0, start - 8), start).replace(/[\s*]+$/, '');
    if (atLineStart)
      return start === 0 || /^[\s*]*$/.test(lower.slice(0, start)) ? { name, at: start } : null;
    // Inside a glued line a short label must stand alone ("…>To:"); a long one may follow letters ("CETEmne:").
    if (length > 3 || before === '' || !/\p{L}$/u.test(before)) return { name, at: start };
  }
  return null;
}

export interface HeaderHit {
  name: HeaderName;
  value: string;
}

function clean(value: string): string {
  return value.replace(/^[\s*]+|[\s*]+$/g, '');
}

/**
 * The header fields a line holds: one ("Subject: Hello"), or several glued together as Yahoo writes
 * them ("From: A <a@x>To: b@y Sent: …Subject: Hello"). Null when the line is not a header line.
 */
export function readHeaderLine(content: string): HeaderHit[] | null {
  const text = content.replace(/^\*+\s*/, '');
  const lower = lowerInPlace(text);
  const firstColon = lower.search(/[:：]/);
  if (firstColon < 1 || firstColon > LONGEST_LABEL + 4) return null;
  const first = labelEndingAt(lower, firstColon, true);
  if (!first) return null;
  const hits: { name: HeaderName; labelAt: number; valueAt: number }[] = [
    { name: first.name, labelAt: 0, valueAt: firstColon + 1 },
  ];
  let colons = 0;
  for (let i = firstColon + 1; i < lower.length && colons < MAX_COLONS; i++) {
    const ch = lower[i];
    if (ch !== ':' && ch !== '：') continue;
    colons++;
    const label = labelEndingAt(lower, i, false);
    if (label) hits.push({ name: label.name, labelAt: label.at, valueAt: i + 1 });
  }
  // Glued fields only count when the line really is a glued block (three fields or more): a subject
  // such as "Re: Data: results" stays one field.
  const chosen = hits.length >= 3 ? hits : hits.slice(0, 1);
  return chosen.map((hit, index) => ({
    name: hit.name,
    value: clean(text.slice(hit.valueAt, chosen[index + 1]?.labelAt ?? text.length)),
  }));
}

const DASHED_SEPARATOR = /^[-=]{2,}\s?([^-=]{3,80}?)\s?[-=]{2,}\s*/;

/** A separator line, and what follows it on the same line (Yahoo glues the headers to it). */
export function readSeparator(content: string): { rest: string } | null {
  if (/^_{10,}$/.test(content) || /^-{10,}$/.test(content)) return { rest: '' };
  const dashed = content.match(DASHED_SEPARATOR);
  if (dashed) return { rest: content.slice(dashed[0].length) };
  if (content.length <= 80 && /[:：]$/.test(content) && FORWARD_WORDS.test(content)) return { rest: '' };
  return null;
}

interface Run {
  fields: Partial<Record<HeaderName, string>>;
  count: number;
  quoted: boolean;
  lastEnd: number;
}

function addHits(run: Run, hits: HeaderHit[]): void {
  for (const hit of hits) {
    run.count++;
    if (run.fields[hit.name] === undefined) run.fields[hit.name] = hit.value;
  }
}

/** Whether a run of header lines is a forwarded message's header block and not prose with colons. */
function isForwardBlock(run: Run, separator: boolean): boolean {
  const from = run.fields.from;
  if (from === undefined || from === '') return false;
  if (separator) return true;
  if (run.count < 2) return false;
  return from.includes('@') || (run.fields.date !== undefined && run.fields.subject !== undefined);
}

/** The first forwarded header block at or after `from` in the text, or null when there is none. */
export function readForwardBlock(text: string, from = 0): ForwardBlock | null {
  const iterator = lines(text, from);
  let separatorAt = -1;
  let linesSinceSeparator = Number.POSITIVE_INFINITY;
  let pending: Line | null = null;
  for (;;) {
    const line = pending ?? iterator.next().value;
    pending = null;
    if (!line) return null;
    linesSinceSeparator++;
    if (line.content === '') continue;
    const separator = readSeparator(line.content);
    let firstHits: HeaderHit[] | null;
    if (separator) {
      separatorAt = line.start;
      linesSinceSeparator = 0;
      if (!separator.rest) continue;
      firstHits = readHeaderLine(separator.rest);
    } else {
      firstHits = readHeaderLine(line.content);
    }
    if (!firstHits) continue;

    const hasSeparator = linesSinceSeparator <= 3;
    const run: Run = { fields: {}, count: 0, quoted: line.quoted, lastEnd: line.end };
    addHits(run, firstHits);
    let lastName = firstHits[firstHits.length - 1]?.name;
    for (let i = 0; i < MAX_RUN; i++) {
      const next = iterator.next().value;
      if (!next) break;
      const hits = next.content ? readHeaderLine(next.content) : null;
      if (hits) {
        addHits(run, hits);
        lastName = hits[hits.length - 1]?.name;
        run.lastEnd = next.end;
        continue;
      }
      // Wrapped recipients continue on an indented line.
      if (next.indented && next.content && (lastName === 'to' || lastName === 'cc')) {
        run.lastEnd = next.end;
        continue;
      }
      pending = next;
      break;
    }
    if (isForwardBlock(run, hasSeparator)) {
      return {
        start: hasSeparator ? separatorAt : line.start,
        bodyStart: bodyStartAfter(text, run.lastEnd),
        fields: run.fields,
        quoted: run.quoted,
        separator: hasSeparator,
      };
    }
    linesSinceSeparator = Number.POSITIVE_INFINITY;
  }
}

/** The first character after the header block's blank (or quote-only) lines. */
export function bodyStartAfter(text: string, lastEnd: number): number {
  let position = Math.min(lastEnd + 1, text.length);
  for (let i = 0; i < 50 && position < text.length; i++) {
    const end = text.indexOf('\n', position);
    const line = text.slice(position, end === -1 ? text.length : end);
    if (!/^[\s>]*$/.test(line.slice(0, MAX_LINE)) || end === -1) break;
    position = end + 1;
  }
  return position;
}
