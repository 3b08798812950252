import { decodeWords } from 'postal-mime';

/**
 * Empties, before the MIME parser sees the message, the body of every part Bowout never reads (PDFs,
 * images, office files, inline pictures, over-budget forwarded messages), keeping the part's headers so
 * the parser still lists it with its type and name. postal-mime decodes every part as it streams past and
 * has no option to skip one; with this pass a 40 MB mail of attachments costs one scan of its bytes.
 *
 * The pass follows the parser's own reading of the structure line by line (lines end at LF, trailing CRs
 * dropped; a delimiter is `--boundary`, optionally `--`, then only blanks; the innermost open boundary is
 * tried first; a part's headers end at its first empty line; the first Content-Type wins). Leaving out
 * a body line of a part nobody reads changes nothing else the parser sees, so the parse of the emptied
 * message equals the parse of the original; only the work differs. Whatever it cannot read exactly as the
 * parser would, it keeps: a leaf part it is unsure of keeps its body, and a multipart whose Content-Type
 * it cannot read (comments, escapes, RFC 2231 sections) makes it leave nothing more out from there on.
 * An attached message Bowout reads, sent as is, is followed inside the same way, to Bowout's depth.
 *
 * Linear: every line goes to one part of one message; body lines are skipped with a native search for
 * the next line starting with `--`; no regular expression runs on a body beyond the first bytes of a
 * nameless octet-stream; the header bytes it decodes are bounded by the parser's own header limit.
 */

/** Types Bowout reads as calendars, whatever their name (the parser lowercases the type). */
const CALENDAR_TYPES = new Set(['text/calendar', 'application/ics', 'text/x-vcalendar', 'application/x-ics']);
const CALENDAR_NAME = /\.(ics|ical|icalendar|vcs)$/i;
const CALENDAR_START = /^(?:\uFEFF)?\s*BEGIN:VCALENDAR/i;
/** Bytes of a nameless application/octet-stream part that decide whether it is a calendar. */
export const CALENDAR_SNIFF_BYTES = 64;

export function isCalendarType(mimeType: string): boolean {
  return CALENDAR_TYPES.has(mimeType);
}

export function isCalendarName(filename: string | null | undefined): boolean {
  return CALENDAR_NAME.test(filename ?? '');
}

/** Whether a part's first bytes (UTF-8, at most CALENDAR_SNIFF_BYTES of them) open a calendar. */
export function startsLikeCalendar(head: Uint8Array): boolean {
  return CALENDAR_START.test(new TextDecoder('utf-8').decode(head.subarray(0, CALENDAR_SNIFF_BYTES)));
}

export interface UnreadPartsOptions {
  /**
   * Levels of attached messages (message/rfc822 parts) Bowout may still read below this message, at most:
   * 0 when it reads none of them, 1 when it reads them but none inside them, and so on.
   */
  attachedMessageLevels: number;
  /** The parser's limits: past them it throws, so nothing more is left out for it to do so. */
  maxHeaderBytes: number;
  maxNestingDepth: number;
}

export interface UnreadPartsResult {
  /** The message to parse: the input itself when nothing was emptied. */
  bytes: Uint8Array;
  emptiedParts: number;
  emptiedBytes: number;
  /** Why the pass stopped leaving parts out part-way through the message, when it did. */
  gaveUp: string | null;
}

class GiveUp extends Error {}

/** A header parameter list the parser would read the same way: `null` where that is not certain. */
interface Structured {
  /** Lowercased value before the first `;`. */
  value: string | null;
  /** First occurrence wins, names lowercased; RFC 2231 sections (`name*0*=`) are kept under their raw names. */
  params: Map<string, string> | null;
}

const isBlank = (c: number) => c === 0x20 || c === 0x09;
const TOKEN_NAME = /^[A-Za-z0-9!#$%&'+.^_`{|}~*-]+$/;

function trimBlanks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/**
 * Reads `type/subtype; name=value; name="quoted value"` when it is plain enough that the parser's reading
 * is certain: no comments, no escapes, no control characters, quotes only around a whole value.
 */
function readStructured(header: string): Structured {
  const unsure: Structured = { value: null, params: null };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what makes it unsure.
  if (/[\u0000-\u0008\u000a-\u001f\u007f\\]/.test(header)) return unsure;
  const firstSemicolon = header.indexOf(';');
  const head = firstSemicolon < 0 ? header : header.slice(0, firstSemicolon);
  if (/["()]|[^\t\u0020-\u007e]/.test(head)) return unsure;
  const value = trimBlanks(head).toLowerCase();
  const params = new Map<string, string>();
  let i = firstSemicolon < 0 ? header.length : firstSemicolon + 1;
  while (i < header.length) {
    // One parameter: name up to `=` (or `;`, a valueless flag), then a token or one quoted string.
    let end = i;
    while (end < header.length && header[end] !== '=' && header[end] !== ';') end++;
    const name = trimBlanks(header.slice(i, end)).toLowerCase();
    if (end >= header.length || header[end] === ';') {
      if (name && !TOKEN_NAME.test(name)) return { value, params: null };
      if (name && !params.has(name)) params.set(name, '');
      i = end + 1;
      continue;
    }
    if (!TOKEN_NAME.test(name)) return { value, params: null };
    let at = end + 1;
    while (at < header.length && isBlank(header.charCodeAt(at))) at++;
    let paramValue: string;
    if (header[at] === '"') {
      const close = header.indexOf('"', at + 1);
      if (close < 0) return { value, params: null };
      paramValue = header.slice(at + 1, close);
      at = close + 1;
      while (at < header.length && isBlank(header.charCodeAt(at))) at++;
      if (at < header.length && header[at] !== ';') return { value, params: null };
    } else {
      let stop = at;
      while (stop < header.length && header[stop] !== ';') stop++;
      paramValue = trimBlanks(header.slice(at, stop));
      if (/["()]/.test(paramValue)) return { value, params: null };
      at = stop;
    }
    if (!params.has(name)) params.set(name, paramValue);
    i = at + 1;
  }
  return { value, params };
}

function decoderFor(charset: string) {
  try {
    return new TextDecoder(charset);
  } catch {
    return null;
  }
}

/**
 * A parameter as RFC 2231 sections spell it (`name*0*=utf-8''%E2%82%AC`, `name*1=rest`): the sections in
 * order, percent-encoded runs decoded in the charset of the first; null when the charset is unknown.
 */
function joinedSections(params: Map<string, string>, name: string): string | null | undefined {
  const sections: { nr: number; value: string; encoded: boolean }[] = [];
  let charset = 'utf-8';
  for (const [key, raw] of params) {
    const match = key.match(/^(.*?)\*(?:(\d+)(\*)?)?$/);
    if (!match || match[1] !== name) continue;
    const nr = Number(match[2] ?? 0);
    const encoded = match[2] === undefined || match[3] === '*';
    let value = raw;
    const withCharset = nr === 0 && encoded ? raw.match(/^([^']*)'[^']*'(.*)$/) : null;
    if (withCharset) {
      charset = withCharset[1] || 'utf-8';
      value = withCharset[2] ?? '';
    }
    sections.push({ nr, value, encoded });
  }
  if (sections.length === 0) return undefined;
  sections.sort((a, b) => a.nr - b.nr);
  const decoder = decoderFor(charset);
  if (!decoder) return null;
  const encoder = new TextEncoder();
  let text = '';
  let pending: number[] = [];
  const flush = () => {
    if (pending.length) text += decoder.decode(Uint8Array.from(pending));
    pending = [];
  };
  for (const { value, encoded } of sections) {
    if (!encoded) {
      flush();
      text += value;
      continue;
    }
    for (let k = 0; k < value.length; k++) {
      const hex = value[k] === '%' ? value.slice(k + 1, k + 3) : '';
      if (/^[0-9a-f]{2}$/i.test(hex)) {
        pending.push(Number.parseInt(hex, 16));
        k += 2;
      } else {
        for (const byte of encoder.encode(value[k])) pending.push(byte);
      }
    }
  }
  flush();
  return text;
}

/** Whether any reading of the part's name parameters could end in a calendar extension. */
function mayBeCalendarName(params: Map<string, string>, name: string): boolean | null {
  const plain = params.get(name);
  if (plain && isCalendarName(decodeWords(plain))) return true;
  const joined = joinedSections(params, name);
  if (joined === null) return null;
  return joined !== undefined && isCalendarName(decodeWords(joined));
}

type BodyFate = 'keep' | 'empty' | 'sniff';

interface Part {
  parent: Part | null;
  depth: number;
  state: 'header' | 'body' | 'finished';
  /** Where each header line starts and ends (without its line end), flat: start, end, start, end… */
  headerLines: number[];
  defaultType: string;
  children: Part[];
  finishedChildren: number;
  /** The multipart subtype once the headers are read, false for a leaf. */
  multipart: string | false;
  fate: BodyFate;
  bodyStart: number;
  sniff: Sniffer | null;
  /** The attached message in this part's body, followed as Bowout's next parse will read it. */
  inner: Machine | null;
}

interface Boundary {
  value: Uint8Array;
  part: Part;
}

/** Decodes the first bytes of a part as the parser's transfer decoders would, to look for a calendar. */
class Sniffer {
  readonly bytes: number[] = [];
  private base64Rest = '';
  constructor(private readonly encoding: SniffEncoding) {}

  /** Bytes certain whatever follows: for base64, the whole groups of the open unit too. */
  certain(): Uint8Array {
    const rest = this.base64Rest.slice(0, this.base64Rest.length - (this.base64Rest.length % 4));
    return Uint8Array.from([...this.bytes, ...Buffer.from(rest, 'base64')]);
  }

  /** All bytes, once the part has ended. */
  final(): Uint8Array {
    this.flushBase64();
    return Uint8Array.from(this.bytes);
  }

  private flushBase64(): void {
    let unit = this.base64Rest;
    this.base64Rest = '';
    if (unit.length % 4 === 1) unit = unit.slice(0, -1);
    for (const byte of Buffer.from(unit, 'base64')) this.bytes.push(byte);
  }

  update(line: Uint8Array): void {
    if (this.encoding === 'base64') {
      const units = new TextDecoder()
        .decode(line)
        .replace(/[^a-zA-Z0-9+/=]+/g, '')
        .split(/=+/);
      units.forEach((unit, k) => {
        this.base64Rest += unit;
        if (k < units.length - 1) this.flushBase64();
      });
    } else if (this.encoding === 'quoted-printable') {
      let length = line.length;
      const softBreak = length > 0 && line[length - 1] === 0x3d;
      if (softBreak) length--;
      for (let k = 0; k < length; k++) {
        const hex =
          line[k] === 0x3d && k + 2 < length ? String.fromCharCode(line[k + 1] ?? 0, line[k + 2] ?? 0) : '';
        if (/^[0-9a-fA-F]{2}$/.test(hex)) {
          this.bytes.push(Number.parseInt(hex, 16));
          k += 2;
        } else {
          this.bytes.push(line[k] ?? 0);
        }
      }
      if (!softBreak) this.bytes.push(0x0a);
    } else {
      for (const byte of line) this.bytes.push(byte);
      this.bytes.push(0x0a);
    }
  }
}

/** Raw bytes a sniffing part may look at before it is simply kept. */
const MAX_SNIFF_BYTES = 64 * 1024;
const DASH_LINE = Buffer.from('\n--');
const headerDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

export function emptyUnreadParts(raw: Uint8Array, options: UnreadPartsOptions): UnreadPartsResult {
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const cuts = new Cuts();
  let gaveUp: string | null = null;
  try {
    const top = new Machine(buf, cuts, options, null, options.attachedMessageLevels, (reason) => {
      gaveUp ??= reason;
    });
    let pos = 0;
    while (pos < buf.length) {
      const machine = top.receiver();
      const part = machine.current;
      const dashes = buf[pos] === 0x2d && buf[pos + 1] === 0x2d && top.delimitersOpen();
      if (!dashes && (machine.halted || (part.state !== 'header' && !part.sniff && !part.inner))) {
        // A run of body lines up to the next line that could be a delimiter: all the same part's.
        const next = top.delimitersOpen() ? buf.indexOf(DASH_LINE, pos) : -1;
        const end = next < 0 ? buf.length : next + 1;
        if (!machine.halted && (part.state === 'finished' || part.fate === 'empty')) cuts.add(pos, end);
        pos = end;
        continue;
      }
      const newline = buf.indexOf(0x0a, pos);
      const lineEnd = newline < 0 ? buf.length : newline + 1;
      let contentEnd = lineEnd;
      while (contentEnd > pos && (buf[contentEnd - 1] === 0x0a || buf[contentEnd - 1] === 0x0d)) contentEnd--;
      top.line(pos, contentEnd, lineEnd, dashes);
      pos = lineEnd;
    }
    top.end(buf.length);
  } catch {
    // Anything unforeseen costs only time: the parser gets the message as it came.
    return { bytes: raw, emptiedParts: 0, emptiedBytes: 0, gaveUp: 'an unexpected error' };
  }
  if (cuts.ranges.length === 0) return { bytes: raw, emptiedParts: 0, emptiedBytes: 0, gaveUp };
  const kept: Buffer[] = [];
  let from = 0;
  let emptiedBytes = 0;
  for (const [start, end] of cuts.ranges) {
    kept.push(buf.subarray(from, start));
    emptiedBytes += end - start;
    from = end;
  }
  kept.push(buf.subarray(from));
  return { bytes: Buffer.concat(kept), emptiedParts: cuts.parts, emptiedBytes, gaveUp };
}

/** Byte ranges to leave out, in order, adjacent ones merged. */
class Cuts {
  readonly ranges: [number, number][] = [];
  parts = 0;

  add(start: number, end: number): void {
    if (end <= start) return;
    const last = this.ranges.at(-1);
    if (last && last[1] === start) last[1] = end;
    else this.ranges.push([start, end]);
  }
}

/**
 * One message as one postal-mime parser reads it. An attached message Bowout reads (message/rfc822 sent
 * as is) is parsed again on its own, from its body lines, so a machine of its own follows its body.
 */
class Machine {
  private readonly root: Part;
  /** The part the parser feeds lines to. */
  current: Part;
  private readonly boundaries: Boundary[] = [];
  private headerBytes = 0;
  /** Set once the structure is past what this pass follows exactly: nothing more is left out. */
  private stopped = false;

  constructor(
    private readonly buf: Buffer,
    private readonly cuts: Cuts,
    private readonly options: UnreadPartsOptions,
    /** The message whose part this one is the body of. */
    private readonly outer: Machine | null,
    /** How many levels of attached messages below this one Bowout may still read. */
    private readonly messageLevels: number,
    private readonly giveUp: (reason: string) => void,
  ) {
    this.root = this.current = this.newPart(null, 'text/plain');
  }

  /** Whether this message, or one it is attached to, stopped being followed exactly. */
  get halted(): boolean {
    return this.stopped || (this.outer?.halted ?? false);
  }

  private stop(error: unknown): void {
    if (!(error instanceof GiveUp)) throw error;
    this.stopped = true;
    this.giveUp(error.message);
  }

  /** The machine whose current part the next line goes to unless it is a delimiter. */
  receiver(): Machine {
    const inner = this.current.state === 'body' ? this.current.inner : null;
    return inner && !this.stopped ? inner.receiver() : this;
  }

  /** Whether a line starting with `--` could end a part here or in an attached message being followed. */
  delimitersOpen(): boolean {
    if (this.boundaries.length > 0) return true;
    const inner = this.current.state === 'body' ? this.current.inner : null;
    return inner?.delimitersOpen() ?? false;
  }

  line(start: number, contentEnd: number, lineEnd: number, dashes: boolean): void {
    if (dashes && this.delimiter(start, contentEnd)) return;
    if (this.stopped) return;
    const part = this.current;
    if (part.state === 'body' && part.inner) {
      part.inner.line(start, contentEnd, lineEnd, dashes);
      return;
    }
    try {
      this.feed(part, start, contentEnd, lineEnd);
    } catch (error) {
      this.stop(error);
    }
  }

  /** The message ends at `at` (the end of the mail, or the delimiter after an attached message). */
  end(at: number): void {
    try {
      this.finish(this.root, at);
    } catch (error) {
      this.stop(error);
    }
  }

  private newPart(parent: Part | null, defaultType: string): Part {
    const part: Part = {
      parent,
      depth: parent ? parent.depth + 1 : 0,
      state: 'header',
      headerLines: [],
      defaultType,
      children: [],
      finishedChildren: 0,
      multipart: false,
      fate: 'keep',
      bodyStart: -1,
      sniff: null,
      inner: null,
    };
    if (part.depth > this.options.maxNestingDepth) throw new GiveUp('nested deeper than the parser allows');
    parent?.children.push(part);
    return part;
  }

  /** A delimiter line of an open multipart, innermost first; acts on it as the parser does. */
  private delimiter(start: number, end: number): boolean {
    const buf = this.buf;
    for (let i = this.boundaries.length - 1; i >= 0; i--) {
      const boundary = this.boundaries[i] as Boundary;
      const length = boundary.value.length;
      if (end - start < length + 2) continue;
      if (buf.compare(boundary.value, 0, length, start + 2, start + 2 + length) !== 0) continue;
      let after = start + 2 + length;
      const closing = end - start >= length + 4 && buf[after] === 0x2d && buf[after + 1] === 0x2d;
      if (closing) after += 2;
      let blanksOnly = true;
      for (let k = after; k < end; k++) if (!isBlank(buf[k] ?? 0)) blanksOnly = false;
      if (!blanksOnly) continue;
      try {
        if (closing) {
          this.finish(boundary.part, start);
          this.current = boundary.part.parent ?? this.root;
        } else {
          this.finishChildren(boundary.part, start);
          // A digest's parts are messages unless they say otherwise (RFC 2046 5.1.5), as the parser reads them.
          const digest = boundary.part.multipart === 'digest';
          this.current = this.newPart(boundary.part, digest ? 'message/rfc822' : 'text/plain');
        }
      } catch (error) {
        this.stop(error);
      }
      return true;
    }
    return false;
  }

  private feed(part: Part, start: number, contentEnd: number, lineEnd: number): void {
    if (part.state === 'header') {
      if (contentEnd === start) {
        part.state = 'body';
        part.bodyStart = lineEnd;
        this.readHeaders(part);
        return;
      }
      this.headerBytes += contentEnd - start;
      if (this.headerBytes > this.options.maxHeaderBytes) throw new GiveUp('headers over the parser limit');
      part.headerLines.push(start, contentEnd);
    } else if (part.state === 'body' && part.sniff) {
      // The first bytes of one huge line are as many as the question needs.
      part.sniff.update(this.buf.subarray(start, Math.min(contentEnd, start + MAX_SNIFF_BYTES)));
      const head = part.sniff.certain();
      if (head.length >= CALENDAR_SNIFF_BYTES) this.settle(part, startsLikeCalendar(head), lineEnd);
      else if (lineEnd - part.bodyStart > MAX_SNIFF_BYTES) this.settle(part, true, lineEnd);
    } else if ((part.state === 'finished' || part.fate === 'empty') && !this.halted) {
      this.cuts.add(start, lineEnd);
    }
  }

  /** Ends a sniffing part's doubt: kept, or emptied from its first body byte to `end`. */
  private settle(part: Part, calendar: boolean, end: number): void {
    part.sniff = null;
    part.fate = calendar ? 'keep' : 'empty';
    if (!calendar && part.bodyStart >= 0 && !this.halted) {
      this.cuts.parts++;
      this.cuts.add(part.bodyStart, end);
    }
  }

  private finish(part: Part, at: number): void {
    if (part.state === 'finished') return;
    if (part.state === 'header' && !this.halted) this.readHeaders(part);
    for (let i = this.boundaries.length - 1; i >= 0; i--) {
      if (this.boundaries[i]?.part === part) {
        this.boundaries.splice(i, 1);
        break;
      }
    }
    this.finishChildren(part, at);
    if (part.sniff) this.settle(part, startsLikeCalendar(part.sniff.final()), at);
    part.inner?.end(at);
    part.state = 'finished';
  }

  private finishChildren(part: Part, at: number): void {
    while (part.finishedChildren < part.children.length) {
      this.finish(part.children[part.finishedChildren++] as Part, at);
    }
  }

  /** The parser's reading of the part's headers: multipart boundaries, and what happens to the body. */
  private readHeaders(part: Part): void {
    const fields = new Map<string, string>();
    // Headers as the parser unfolds them (a line starting with a blank continues the one before). Only
    // a header whose name starts with C can be one of the three read here, so only those are decoded.
    const folded: string[][] = [];
    let open: string[] | null = null;
    const lines = part.headerLines;
    for (let k = 0; k < lines.length; k += 2) {
      const start = lines[k] as number;
      const first = this.buf[start];
      const blank = first === 0x20 || first === 0x09;
      if (blank && k > 0) {
        open?.push(headerDecoder.decode(this.buf.subarray(start, lines[k + 1])));
        continue;
      }
      open = blank || first === 0x43 || first === 0x63 ? [] : null;
      if (open) {
        open.push(headerDecoder.decode(this.buf.subarray(start, lines[k + 1])));
        folded.push(open);
      }
    }
    for (const group of folded) {
      const line = group.join('');
      const colon = line.indexOf(':');
      const key = trimBlanks(colon < 0 ? line : line.slice(0, colon)).toLowerCase();
      if (
        (key === 'content-type' || key === 'content-disposition' || key === 'content-transfer-encoding') &&
        !fields.has(key)
      ) {
        fields.set(key, colon < 0 ? '' : trimBlanks(line.slice(colon + 1).replace(/[\r\n]+/g, ' ')));
      }
    }
    part.headerLines = [];
    const typeHeader = fields.get('content-type');
    const type =
      typeHeader === undefined ? { value: part.defaultType, params: new Map() } : readStructured(typeHeader);
    if (type.value === null) {
      if (/multipart/i.test(typeHeader ?? '')) throw new GiveUp('a multipart type it cannot read exactly');
      part.fate = 'keep';
      return;
    }
    const multipart = type.value.startsWith('multipart/')
      ? type.value.slice('multipart/'.length) || false
      : false;
    part.multipart = multipart;
    if (multipart) {
      // RFC 2231 sections would make the parser assemble the boundary from pieces: not followed here.
      if (!type.params || [...type.params.keys()].some((key) => key.includes('*')))
        throw new GiveUp('a multipart type it cannot read exactly');
      const boundary = type.params.get('boundary');
      if (boundary) this.boundaries.push({ value: Buffer.from(boundary, 'utf8'), part });
      // Preamble and epilogue: the parser keeps them nowhere.
      part.fate = 'empty';
      return;
    }
    const encoding = transferEncoding(fields.get('content-transfer-encoding'));
    part.fate = this.leafFate(type as Structured & { value: string }, fields, encoding);
    if (part.fate === 'empty' && part.state === 'body' && !this.halted) this.cuts.parts++;
    if (part.fate === 'sniff') part.sniff = new Sniffer(encoding as SniffEncoding);
    // An attached message sent as is reaches Bowout's next parse line for line: follow it there too.
    if (
      type.value === 'message/rfc822' &&
      part.fate === 'keep' &&
      part.state === 'body' &&
      encoding === 'other'
    ) {
      part.inner = new Machine(this.buf, this.cuts, this.options, this, this.messageLevels - 1, this.giveUp);
    }
  }

  /** What Bowout reads of a leaf part (see parse-mail.ts): inline text, forwarded messages, calendars. */
  private leafFate(
    type: Structured & { value: string },
    fields: Map<string, string>,
    encoding: SniffEncoding | null,
  ): BodyFate {
    const dispositionHeader = fields.get('content-disposition');
    const disposition: Structured =
      dispositionHeader === undefined ? { value: '', params: new Map() } : readStructured(dispositionHeader);
    const mimeType = type.value;
    if ((mimeType === 'text/plain' || mimeType === 'text/html') && disposition.value !== 'attachment')
      return 'keep';
    if (mimeType === 'message/rfc822' && this.messageLevels > 0) return 'keep';
    if (isCalendarType(mimeType)) return 'keep';
    if (!type.params || !disposition.params) return 'keep';
    const named = [mayBeCalendarName(disposition.params, 'filename'), mayBeCalendarName(type.params, 'name')];
    if (named.some((answer) => answer !== false)) return 'keep';
    if (mimeType !== 'application/octet-stream') return 'empty';
    return encoding ? 'sniff' : 'keep';
  }
}

type SniffEncoding = 'base64' | 'quoted-printable' | 'other';

/** The body decoder the parser picks for a Content-Transfer-Encoding; null when its reading is not certain. */
function transferEncoding(header: string | undefined): SniffEncoding | null {
  if (header === undefined) return 'other';
  if (/[("\\]|[^\t\u0020-\u007e]/.test(header)) return null;
  const token = (header.toLowerCase().match(/[\w-]+/) ?? [''])[0] ?? '';
  return /base64/.test(token) ? 'base64' : /quoted-printable/.test(token) ? 'quoted-printable' : 'other';
}
