/**
 * A small, bounded HTML-to-text conversion: enough to read forwarded headers, names and dates out of
 * HTML-only mail. It does not render; it keeps the text and the line structure a reader sees: block
 * elements and <br> break lines, source line breaks do not, blank lines stay at most one. A single
 * forward pass with indexOf: linear in the input, whatever the input (no regular expression runs over
 * more than one tag or one text run at a time).
 */

const DEFAULT_LIMIT = 2_000_000;

// Elements that start and end a line of their own.
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
  'caption',
  'body',
  'html',
]);
// Elements whose content is never shown.
const HIDDEN = new Set(['script', 'style', 'head', 'title', 'template', 'xml', 'svg', 'object']);
const CELLS = new Set(['td', 'th']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  sbquo: '‚',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  lsaquo: '‹',
  rsaquo: '›',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  deg: '°',
  times: '×',
  divide: '÷',
  shy: '',
  zwnj: '',
  zwj: '',
  lrm: '',
  rlm: '',
  iexcl: '¡',
  iquest: '¿',
  oelig: 'œ',
  OElig: 'Œ',
  scaron: 'š',
  Scaron: 'Š',
  zcaron: 'ž',
  Zcaron: 'Ž',
  Yuml: 'Ÿ',
  fnof: 'ƒ',
};
// Latin-1 letters by name ("&eacute;" in "Envoy&eacute;&nbsp;:"), in code-point order from U+00C0.
const LATIN1_NAMES =
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml - Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml - oslash ugrave uacute ucirc uuml yacute thorn yuml';
LATIN1_NAMES.split(' ').forEach((name, index) => {
  if (name !== '-') NAMED_ENTITIES[name] = String.fromCodePoint(0xc0 + index);
});

// Windows-1252 code points that numeric references in the C1 range really mean ("&#150;" is a dash).
const CP1252: Record<number, string> = {
  128: '€',
  130: '‚',
  131: 'ƒ',
  132: '„',
  133: '…',
  134: '†',
  135: '‡',
  136: 'ˆ',
  137: '‰',
  138: 'Š',
  139: '‹',
  140: 'Œ',
  142: 'Ž',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  149: '•',
  150: '–',
  151: '—',
  152: '˜',
  153: '™',
  154: 'š',
  155: '›',
  156: 'œ',
  158: 'ž',
  159: 'Ÿ',
};

function numericEntity(code: number): string {
  if (CP1252[code]) return CP1252[code];
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

/** Decodes character references: named (case-sensitive first, as HTML does), decimal and hexadecimal. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[a-zA-Z][a-zA-Z0-9]{1,7});?/g,
    (whole, entity: string) => {
      if (entity[0] === '#') {
        const hex = entity[1] === 'x' || entity[1] === 'X';
        return numericEntity(hex ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
      }
      const named = NAMED_ENTITIES[entity] ?? NAMED_ENTITIES[entity.toLowerCase()];
      // Without its semicolon only the old, common names count ("&nbsp", "&amp"), as browsers do.
      if (
        named === undefined ||
        (!whole.endsWith(';') && !/^(nbsp|amp|lt|gt|quot|copy|reg)$/i.test(entity))
      ) {
        return whole;
      }
      return named;
    },
  );
}

/** Collects output text, keeping at most one blank line and no spaces at line starts or ends. */
class TextSink {
  private readonly parts: string[] = [];
  private length = 0;
  /** Newlines at the end of the output so far (2 means a blank line). */
  private newlines = 2;
  private pendingSpace = false;

  constructor(private readonly limit: number) {}

  get full(): boolean {
    return this.length >= this.limit;
  }

  text(value: string, preformatted: boolean): void {
    if (preformatted) {
      for (const [index, line] of value.replace(/\r\n?/g, '\n').split('\n').entries()) {
        if (index > 0) this.newline(true);
        if (line) this.push(line);
      }
      return;
    }
    // Source whitespace, line breaks included, is one space; &nbsp; (U+00A0) is kept as a space of its own.
    let wordStart = -1;
    for (let i = 0; i <= value.length; i++) {
      const code = i < value.length ? value.charCodeAt(i) : 32;
      const blank = code === 32 || code === 9 || code === 10 || code === 13 || code === 12;
      if (!blank) {
        if (wordStart === -1) wordStart = i;
        continue;
      }
      if (wordStart !== -1) this.push(value.slice(wordStart, i));
      wordStart = -1;
      if (i < value.length) this.pendingSpace = true;
    }
  }

  private push(word: string): void {
    if (this.pendingSpace && this.newlines === 0) this.append(' ');
    this.pendingSpace = false;
    // A run of &nbsp; is one space: long runs of spaces would only cost time later.
    this.append(word.includes('\u00a0') ? word.replace(/\u00a0+/g, ' ') : word);
    this.newlines = 0;
  }

  /** A line break; `force` also for an empty line (a <br> on its own), else only to end a line. */
  newline(force: boolean): void {
    this.pendingSpace = false;
    if (!force && this.newlines > 0) return;
    if (this.newlines >= 2) return;
    this.trimTrailingSpaces();
    this.append('\n');
    this.newlines++;
  }

  space(): void {
    this.pendingSpace = true;
  }

  private trimTrailingSpaces(): void {
    const last = this.parts[this.parts.length - 1];
    if (last?.endsWith(' ')) this.parts[this.parts.length - 1] = last.replace(/ +$/, '');
  }

  private append(value: string): void {
    if (this.length >= this.limit) return;
    const piece = value.slice(0, this.limit - this.length);
    this.parts.push(piece);
    this.length += piece.length;
  }

  toString(): string {
    return this.parts.join('').replace(/ +\n/g, '\n').trim();
  }
}

interface Tag {
  name: string;
  closing: boolean;
  /** Index just after the tag's ">". */
  end: number;
  attributes: string;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isNameChar(code: number): boolean {
  // Letters, digits, ":" (o:p), "_" and "-".
  return isLetter(code) || (code >= 48 && code <= 58) || code === 95 || code === 45;
}

/** Reads the tag at `start` ("<"), honouring quoted attribute values; null when "<" starts no tag. */
function readTag(html: string, start: number, noQuoteAfter: Record<string, number>): Tag | null {
  let index = start + 1;
  const closing = html[index] === '/';
  if (closing) index++;
  const nameStart = index;
  while (index < html.length && isNameChar(html.charCodeAt(index))) index++;
  if (index === nameStart || !isLetter(html.charCodeAt(nameStart))) return null;
  const name = html.slice(nameStart, index).toLowerCase();
  const attributesStart = index;
  while (index < html.length) {
    const ch = html[index];
    if (ch === '>') break;
    if ((ch === '"' || ch === "'") && /[=\s]/.test(html[index - 1] ?? '')) {
      // A quote that never closes would send every later tag to the end of the input: remember it.
      if (index >= (noQuoteAfter[ch] ?? Number.POSITIVE_INFINITY)) {
        index++;
        continue;
      }
      const close = html.indexOf(ch, index + 1);
      if (close === -1) {
        noQuoteAfter[ch] = index;
        index++;
        continue;
      }
      index = close + 1;
      continue;
    }
    index++;
  }
  return {
    name,
    closing,
    end: Math.min(index + 1, html.length),
    attributes: html.slice(attributesStart, index),
  };
}

/** Where `</name` next starts, any letter case, or -1. */
function endTagAt(html: string, name: string, from: number): number {
  let at = html.indexOf('</', from);
  while (at !== -1) {
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() === name) return at;
    at = html.indexOf('</', at + 2);
  }
  return -1;
}

function mailtoTarget(attributes: string): string | null {
  const href = attributes.slice(0, 2000).match(/href\s*=\s*["']?\s*mailto:([^"'\s>?]{3,254})/i);
  return href?.[1] ? decodeEntities(decodeURIComponentSafe(href[1])).toLowerCase() : null;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Converts HTML to the text a reader sees, bounded by `limit` characters of output. */
export function htmlToText(html: string, limit = DEFAULT_LIMIT): string {
  const sink = new TextSink(limit);
  const noQuoteAfter: Record<string, number> = {};
  let preformatted = 0;
  let link: { address: string; text: string[] } | null = null;
  // Hidden elements whose end tag was searched for in vain: no later search can find it either.
  const unclosed = new Set<string>();
  let position = 0;

  const emitText = (raw: string) => {
    if (!raw) return;
    const decoded = decodeEntities(raw);
    if (link) link.text.push(decoded);
    sink.text(decoded, preformatted > 0);
  };

  // Text runs from `textStart` to the next markup; a "<" that starts no tag stays part of the text.
  let textStart = 0;
  while (position < html.length && !sink.full) {
    const open = html.indexOf('<', position);
    if (open === -1) break;
    const declaration = html[open + 1] === '!' || html[open + 1] === '?';
    const tag = declaration ? null : readTag(html, open, noQuoteAfter);
    if (!declaration && !tag) {
      position = open + 1;
      continue;
    }
    emitText(html.slice(textStart, open));
    if (!tag) {
      const comment = html.startsWith('<!--', open);
      const close = comment ? html.indexOf('-->', open + 4) : html.indexOf('>', open);
      position = textStart = close === -1 ? html.length : close + (comment ? 3 : 1);
      continue;
    }
    position = textStart = tag.end;
    if (HIDDEN.has(tag.name) && !tag.closing) {
      // Skip to the matching end tag; an unclosed <style> or <script> hides the rest, as in a browser.
      const close = unclosed.has(tag.name) ? -1 : endTagAt(html, tag.name, position);
      if (close === -1) {
        unclosed.add(tag.name);
        if (tag.name !== 'head' && tag.name !== 'title') position = textStart = html.length;
        continue;
      }
      const closeEnd = html.indexOf('>', close);
      position = textStart = closeEnd === -1 ? html.length : closeEnd + 1;
      continue;
    }
    if (tag.name === 'br') sink.newline(true);
    else if (tag.name === 'hr') {
      // Outlook's own plain text shows its rule as a line of underscores; forward readers know it.
      sink.newline(false);
      sink.text('________________________________', false);
      sink.newline(false);
    } else if (BLOCKS.has(tag.name)) {
      sink.newline(false);
      if (tag.name === 'pre') preformatted = Math.max(0, preformatted + (tag.closing ? -1 : 1));
    } else if (CELLS.has(tag.name)) sink.space();
    else if (tag.name === 'a') {
      if (!tag.closing) {
        const address = mailtoTarget(tag.attributes);
        link = address ? { address, text: [] } : null;
      } else if (link) {
        // A link that shows only a name ("<a href=mailto:jo@x.com>Jo Lee</a>") keeps its address visible.
        if (!link.text.join('').toLowerCase().includes(link.address)) sink.text(` <${link.address}>`, false);
        link = null;
      }
    }
  }
  emitText(html.slice(textStart));
  return sink.toString();
}
