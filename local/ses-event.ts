import { randomBytes } from 'node:crypto';
import type { SESEvent, SESMailCommonHeaders, SESMailHeader, SESReceipt } from 'aws-lambda';
import { addressParser, decodeWords } from 'postal-mime';

/**
 * What SES receiving hands a Lambda action, rebuilt from raw bytes and an SMTP envelope. Pure apart from
 * `newMessageId`: the caller supplies times, ids and verdicts, so the same input always gives the same event.
 *
 * The raw mail can be anything a stranger sends, so the header parser never throws and bounds its work.
 */

// ---------------------------------------------------------------------------------------------------------
// Verdicts

export const VERDICT_NAMES = ['spf', 'dkim', 'dmarc', 'spam', 'virus'] as const;
export type VerdictName = (typeof VERDICT_NAMES)[number];
export const VERDICT_STATUSES = ['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED'] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];
export type Verdicts = Record<VerdictName, VerdictStatus>;

export const ALL_PASS: Readonly<Verdicts> = {
  spf: 'PASS',
  dkim: 'PASS',
  dmarc: 'PASS',
  spam: 'PASS',
  virus: 'PASS',
};

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (what a dual-stack listener reports). */
export function isLoopback(address: string): boolean {
  const ip = address.toLowerCase().replace(/^::ffff:/, '');
  return ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}

/**
 * Locally nothing can be checked against DNS. Mail from this machine is the user trying Bowout out, so it
 * passes; mail from anywhere else gets GRAY (SES's "could not decide"), which the handler must not trust.
 */
export function verdictsForClient(remoteAddress: string): Verdicts {
  if (isLoopback(remoteAddress)) return { ...ALL_PASS };
  return { ...ALL_PASS, spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' };
}

export class VerdictSyntaxError extends Error {
  override name = 'VerdictSyntaxError';
}

/** Parses `spf=FAIL,dkim=PASS`: only the named verdicts, each at most once, values as SES spells them. */
export function parseVerdictList(text: string): Partial<Verdicts> {
  const verdicts: Partial<Verdicts> = {};
  for (const item of text.split(',')) {
    const match = /^\s*([a-z]+)\s*=\s*([a-z_]+)\s*$/i.exec(item);
    const name = match?.[1]?.toLowerCase() as VerdictName | undefined;
    const status = match?.[2]?.toUpperCase() as VerdictStatus | undefined;
    if (!match || !name || !status)
      throw new VerdictSyntaxError(`bad verdict "${item.trim()}": expected name=STATUS`);
    if (!VERDICT_NAMES.includes(name)) {
      throw new VerdictSyntaxError(`unknown verdict "${name}": expected one of ${VERDICT_NAMES.join(', ')}`);
    }
    if (!VERDICT_STATUSES.includes(status)) {
      throw new VerdictSyntaxError(
        `bad ${name} verdict "${status}": expected one of ${VERDICT_STATUSES.join(', ')}`,
      );
    }
    if (name in verdicts) throw new VerdictSyntaxError(`verdict "${name}" given twice`);
    verdicts[name] = status;
  }
  return verdicts;
}

// ---------------------------------------------------------------------------------------------------------
// Message ids

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** An SES-like receipt message id: 40 lowercase alphanumerics (about 206 random bits, so unique). */
export function newMessageId(length = 40): string {
  let id = '';
  while (id.length < length) {
    for (const byte of randomBytes(length)) {
      // 252 = 7 × 36: dropping the bytes above it keeps every character equally likely.
      if (byte < 252 && id.length < length) id += ID_ALPHABET.charAt(byte % 36);
    }
  }
  return id;
}

// ---------------------------------------------------------------------------------------------------------
// Header parsing

/** How much of a message is examined for its header block; a header block larger than this is cut. */
export const HEADER_SCAN_LIMIT = 1024 * 1024;
/** SES truncates the notification's `headers` when they exceed 10 KB and sets `headersTruncated`. */
export const NOTIFICATION_HEADER_LIMIT = 10 * 1024;
/** Bounds on `commonHeaders`, which SES never truncates: keep the event far below Lambda's payload limit. */
export const COMMON_VALUE_LIMIT = 2000;
export const COMMON_LIST_LIMIT = 50;

export interface HeaderBlock {
  /** Every header field found, in order, unfolded; values trimmed, NUL and bare CR replaced by spaces. */
  headers: SESMailHeader[];
  /** True when the header block went on past `HEADER_SCAN_LIMIT` and the rest was not examined. */
  cut: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const HEADER_NAME = /^[\x21-\x39\x3b-\x7e]+$/; // printable US-ASCII except ':' (RFC 5322 ftext)
const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('windows-1252');

/** 8-bit header bytes are UTF-8 when valid (RFC 6532); otherwise a legacy charset, read as Windows-1252. */
function decodeLine(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

function startsWith(bytes: Uint8Array, prefix: string): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

/**
 * Reads the header block of a raw message: up to the first empty line, or up to the first line that is
 * neither a field nor a continuation (a message without a separator has its body start there). LF and CRLF
 * line ends are both accepted; a leading mbox `From ` line is skipped.
 */
export function parseHeaderBlock(raw: Uint8Array, scanLimit = HEADER_SCAN_LIMIT): HeaderBlock {
  const headers: SESMailHeader[] = [];
  const end = Math.min(raw.length, scanLimit);
  const scanned = raw.subarray(0, end); // searches stay within the limit, however large the message
  let current: SESMailHeader | undefined;
  let position = 0;
  let finished = false; // the end of the header block was seen
  if (startsWith(scanned, 'From ')) {
    const newline = scanned.indexOf(LF);
    position = newline === -1 ? end : newline + 1;
  }

  while (position < end) {
    const newline = scanned.indexOf(LF, position);
    const lineEnd = newline === -1 ? end : newline;
    // The scan limit fell inside this line: it may be a truncated field, so it is not used.
    if (lineEnd === end && end < raw.length) break;
    let bytes = scanned.subarray(position, lineEnd);
    position = lineEnd + 1;
    if (bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, -1);
    if (bytes.length === 0) {
      finished = true; // the separator: the body follows
      break;
    }

    const line = decodeLine(bytes);
    if (line.startsWith(' ') || line.startsWith('\t')) {
      // Unfolding removes only the line break (RFC 5322 2.2.3); a continuation before any field is noise.
      if (current) current.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).replace(/[ \t]+$/, '') : '';
    if (!HEADER_NAME.test(name)) {
      finished = true; // not a field: the body starts here
      break;
    }
    current = { name, value: line.slice(colon + 1) };
    headers.push(current);
  }

  for (const header of headers) header.value = header.value.replace(/[\0\r]/g, ' ').trim();
  return { headers, cut: !finished && end < raw.length };
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The leading headers that fit in SES's notification limit, counted as `Name: value\r\n`. */
export function notificationHeaders(block: HeaderBlock): { headers: SESMailHeader[]; truncated: boolean } {
  const headers: SESMailHeader[] = [];
  let size = 0;
  for (const header of block.headers) {
    size += utf8Length(header.name) + utf8Length(header.value) + 4;
    if (size > NOTIFICATION_HEADER_LIMIT) return { headers, truncated: true };
    headers.push(header);
  }
  return { headers, truncated: block.cut };
}

function decoded(value: string): string {
  let text: string;
  try {
    text = decodeWords(value);
  } catch {
    text = value;
  }
  return text.length > COMMON_VALUE_LIMIT ? text.slice(0, COMMON_VALUE_LIMIT) : text;
}

/**
 * Splits an address list at the commas between addresses (not those inside quotes, comments or angle
 * brackets) and unwraps groups (`Team: a@x, b@y;`), as SES lists each address as its own string.
 */
export function splitAddressList(value: string): string[] {
  const parts: string[] = [];
  let part = '';
  let quoted = false;
  let comment = 0;
  let angle = false;
  const flush = () => {
    const text = part.trim();
    if (text && parts.length < COMMON_LIST_LIMIT) parts.push(decoded(text));
    part = '';
  };
  for (let i = 0; i < value.length; i++) {
    const char = value.charAt(i);
    if (quoted) {
      part += char;
      if (char === '\\') part += value.charAt(++i);
      else if (char === '"') quoted = false;
    } else if (comment > 0) {
      part += char;
      if (char === '\\') part += value.charAt(++i);
      else if (char === '(') comment++;
      else if (char === ')') comment--;
    } else if (char === '"') {
      quoted = true;
      part += char;
    } else if (char === '(') {
      comment = 1;
      part += char;
    } else if (angle) {
      part += char;
      if (char === '>') angle = false;
    } else if (char === '<') {
      angle = true;
      part += char;
    } else if (char === ',' || char === ';') {
      flush();
    } else if (char === ':') {
      part = ''; // what came before was a group's display name
    } else {
      part += char;
    }
  }
  flush();
  return parts;
}

function first(headers: readonly SESMailHeader[], name: string): string | undefined {
  return headers.find((header) => header.name.toLowerCase() === name)?.value;
}

/** The bare address of the first mailbox in a header (`Jane <jane@x>` gives `jane@x`), if there is one. */
export function headerAddress(headers: readonly SESMailHeader[], name: string): string | undefined {
  const value = first(headers, name.toLowerCase());
  if (value === undefined) return undefined;
  try {
    return addressParser(value, { flatten: true }).find((mailbox) => mailbox.address)?.address || undefined;
  } catch {
    return undefined;
  }
}

/**
 * SES's `commonHeaders`: the first occurrence of each field, encoded-words decoded, address lists split.
 * Absent fields are left out, as SES does.
 */
export function commonHeaders(headers: readonly SESMailHeader[], returnPath: string): SESMailCommonHeaders {
  const common: Record<string, string | string[]> = { returnPath };
  const lists = { from: 'from', to: 'to', cc: 'cc', bcc: 'bcc', sender: 'sender', replyTo: 'reply-to' };
  for (const [key, field] of Object.entries(lists)) {
    const value = first(headers, field);
    if (value !== undefined) common[key] = splitAddressList(value);
  }
  const date = first(headers, 'date');
  if (date !== undefined) common.date = decoded(date);
  const messageId = first(headers, 'message-id');
  if (messageId !== undefined) common.messageId = decoded(messageId);
  const subject = first(headers, 'subject');
  if (subject !== undefined) common.subject = decoded(subject);
  // The type marks date and messageId as always present; in mail from strangers they may not be.
  return common as unknown as SESMailCommonHeaders;
}

// ---------------------------------------------------------------------------------------------------------
// The event

export function isAddressAtDomain(address: string, domain: string): boolean {
  return address.toLowerCase().endsWith(`@${domain.toLowerCase()}`);
}

export interface SesEventInput {
  /** The receipt id; the raw mail is stored under the raw-mail prefix plus this id. */
  messageId: string;
  raw: Uint8Array;
  /** The SMTP envelope: MAIL FROM ('' for the null sender `<>`) and every RCPT TO. */
  envelope: { from: string; to: readonly string[] };
  /** The receiving domain: only recipients there are the receipt rule's recipients. */
  domain: string;
  verdicts: Verdicts;
  /** SES only reports the sender's DMARC policy when DMARC failed; this is the one reported then. */
  dmarcPolicy?: 'none' | 'quarantine' | 'reject';
  receivedAt: Date;
  processingTimeMillis: number;
  functionArn: string;
}

export function buildSesEvent(input: SesEventInput): SESEvent {
  const block = parseHeaderBlock(input.raw);
  const { headers, truncated } = notificationHeaders(block);
  const timestamp = input.receivedAt.toISOString();
  const { verdicts } = input;
  const receipt: SESReceipt = {
    timestamp,
    processingTimeMillis: input.processingTimeMillis,
    recipients: input.envelope.to.filter((address) => isAddressAtDomain(address, input.domain)),
    spamVerdict: { status: verdicts.spam },
    virusVerdict: { status: verdicts.virus },
    spfVerdict: { status: verdicts.spf },
    dkimVerdict: { status: verdicts.dkim },
    dmarcVerdict: { status: verdicts.dmarc },
    ...(verdicts.dmarc === 'FAIL' ? { dmarcPolicy: input.dmarcPolicy ?? 'reject' } : {}),
    action: { type: 'Lambda', functionArn: input.functionArn, invocationType: 'Event' },
  };
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp,
            source: input.envelope.from,
            messageId: input.messageId,
            destination: [...input.envelope.to],
            headersTruncated: truncated,
            headers,
            commonHeaders: commonHeaders(block.headers, input.envelope.from),
          },
          receipt,
        },
      },
    ],
  };
}
