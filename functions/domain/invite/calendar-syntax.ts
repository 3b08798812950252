/**
 * iCalendar syntax (RFC 5545 §3.1): unfolded content lines, properties with parameters, and the
 * BEGIN/END component tree. Calendars come from strangers, so everything here is linear in the input
 * and bounded: long input is cut, deep or numerous components are dropped, missing END lines are
 * tolerated (the component closes when its parent or a sibling of the same kind begins).
 */

export interface Property {
  name: string;
  /** Parameter names upper-cased; values without their surrounding quotes. */
  params: Record<string, string>;
  value: string;
}

export interface Component {
  name: string;
  properties: Property[];
  children: Component[];
}

const MAX_INPUT_CHARS = 2_000_000;
const MAX_LINES = 50_000;
const MAX_LINE_CHARS = 20_000;
const MAX_COMPONENTS = 20_000;
// Per parent, so thousands of observances or alarms cannot crowd out the event that follows them.
const MAX_CHILDREN = 500;
const MAX_KEPT_DEPTH = 6;
const MAX_PROPERTIES_PER_COMPONENT = 300;
const MAX_PARAMS = 30;

/**
 * Only these properties are kept: the rest (attendee lists, alarms' text) is never read, and keeping it
 * would let a huge calendar cost memory for nothing. The event's DESCRIPTION is kept (the input is bounded):
 * schedulers may name the company only there.
 */
const KEPT_PROPERTIES = new Set([
  'METHOD',
  'X-WR-TIMEZONE',
  'TZID',
  'TZOFFSETFROM',
  'TZOFFSETTO',
  'RRULE',
  'RDATE',
  'DTSTART',
  'DTEND',
  'DURATION',
  'ORGANIZER',
  'UID',
  'SEQUENCE',
  'SUMMARY',
  'LOCATION',
  'DESCRIPTION',
  'STATUS',
  'RECURRENCE-ID',
]);

/** Content lines with folding undone (a line break followed by one space or tab continues the line). */
export function unfoldLines(ics: string): string[] {
  const text = (ics.length > MAX_INPUT_CHARS ? ics.slice(0, MAX_INPUT_CHARS) : ics)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]/g, '');
  const lines: string[] = [];
  let start = 0;
  while (start <= text.length && lines.length < MAX_LINES) {
    const newline = text.indexOf('\n', start);
    const stop = newline < 0 ? text.length : newline;
    lines.push(text.slice(start, Math.min(stop, start + MAX_LINE_CHARS)));
    start = stop + 1;
  }
  return lines;
}

const MAX_NAME_CHARS = 64;

/** The property name at the start of a line ("DTSTART" in "DTSTART;TZID=...:..."), upper-cased. */
function nameOf(line: string): string {
  // Letters, digits and dashes, read by character code: this runs on every line of every calendar.
  let end = 0;
  let lower = false;
  for (; end < line.length && end < MAX_NAME_CHARS; end++) {
    const code = line.charCodeAt(end);
    if (code >= 0x61 && code <= 0x7a) lower = true;
    else if (!((code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2d)) break;
  }
  if (end === 0) return '';
  const name = line.slice(0, end);
  return lower ? name.toUpperCase() : name;
}

/** RFC 6868 escapes in parameter values: ^n newline, ^' double quote, ^^ caret. */
function decodeParam(value: string): string {
  return value.replace(/\^([n'^])/g, (_, c: string) => (c === 'n' ? ' ' : c === "'" ? '"' : '^'));
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/**
 * Splits "NAME;P1=a;P2="x;y:z":value" in one pass: semicolons and the colon count only outside quotes.
 * Returns null for a line without a colon (not a property).
 */
export function parseProperty(line: string): Property | null {
  const name = nameOf(line);
  return name ? propertyNamed(name, line) : null;
}

function propertyNamed(name: string, line: string): Property | null {
  const params: Record<string, string> = {};
  let inQuotes = false;
  let segmentStart = name.length;
  for (let i = name.length; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQuotes = !inQuotes;
    // An unquoted Windows display name ("TZID=(UTC-08:00) Pacific Time") has a colon that is no separator.
    else if (c === ':' && !inQuotes && isOffsetColon(line, i)) continue;
    else if (!inQuotes && (c === ';' || c === ':')) {
      addParam(params, line.slice(segmentStart, i));
      segmentStart = i + 1;
      if (c === ':') return { name, params, value: line.slice(i + 1) };
    }
  }
  return null;
}

/** Whether the colon at i is the one inside "(UTC-08:00)" or "(GMT+01:00)". */
function isOffsetColon(line: string, i: number): boolean {
  return (
    /^\d{2}\)/.test(line.slice(i + 1, i + 4)) &&
    /\((?:UTC|GMT)[+-]\d{1,2}$/i.test(line.slice(Math.max(0, i - 7), i))
  );
}

function addParam(params: Record<string, string>, segment: string): void {
  const eq = segment.indexOf('=');
  if (eq <= 0 || Object.keys(params).length >= MAX_PARAMS) return;
  const key = segment.slice(0, eq).trim().toUpperCase();
  params[key] = decodeParam(unquote(segment.slice(eq + 1).trim()));
}

/** Undoes TEXT escapes (\n, \, \; \\) in one pass; line breaks become spaces. */
export function unescapeText(value: string): string {
  return value
    .replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c))
    .replace(/\s+/g, ' ')
    .trim();
}

interface OpenComponent {
  component: Component;
  /** False for components past the depth or count bounds: tracked for structure, never stored. */
  kept: boolean;
}

/** The component tree of a calendar, under a nameless root. */
export function parseComponents(ics: string): Component {
  const root: Component = { name: '', properties: [], children: [] };
  const stack: OpenComponent[] = [{ component: root, kept: true }];
  // How many components of each name are open, so a BEGIN or END can find its match in O(1).
  const open = new Map<string, number>();
  let count = 0;
  for (const rawLine of unfoldLines(ics)) {
    const line = rawLine.charCodeAt(0) <= 32 ? rawLine.trimStart() : rawLine;
    const name = nameOf(line);
    if (name === 'BEGIN' || name === 'END') {
      const marker = line.trimEnd().match(/^(?:BEGIN|END):([A-Za-z0-9-]{1,64})$/i);
      if (!marker) continue;
      const kind = (marker[1] as string).toUpperCase();
      // Components never nest inside one of their own kind: an open one lost its END line.
      if ((open.get(kind) ?? 0) > 0) closeThrough(stack, open, kind);
      if (name === 'END') continue;
      const parent = stack[stack.length - 1] as OpenComponent;
      const component: Component = { name: kind, properties: [], children: [] };
      const kept =
        parent.kept &&
        stack.length <= MAX_KEPT_DEPTH &&
        count < MAX_COMPONENTS &&
        parent.component.children.length < MAX_CHILDREN;
      if (kept) {
        parent.component.children.push(component);
        count++;
      }
      stack.push({ component, kept });
      open.set(kind, (open.get(kind) ?? 0) + 1);
      continue;
    }
    const current = stack[stack.length - 1] as OpenComponent;
    if (!current.kept || current.component.properties.length >= MAX_PROPERTIES_PER_COMPONENT) continue;
    if (!KEPT_PROPERTIES.has(name)) continue;
    const property = propertyNamed(name, line.trimEnd());
    if (property) current.component.properties.push(property);
  }
  return root;
}

/** Closes the open components down to (and with) the innermost one named `name`. */
function closeThrough(stack: OpenComponent[], open: Map<string, number>, name: string): void {
  while (stack.length > 1) {
    const top = stack.pop() as OpenComponent;
    open.set(top.component.name, (open.get(top.component.name) ?? 1) - 1);
    if (top.component.name === name) return;
  }
}

/** Every component with this name in the tree, depth first, in file order. */
export function findComponents(root: Component, name: string): Component[] {
  const found: Component[] = [];
  collect(root, name, found);
  return found;
}

function collect(component: Component, name: string, found: Component[]): void {
  for (const child of component.children) {
    if (child.name === name) found.push(child);
    else collect(child, name, found);
  }
}

export function propertyOf(component: Component, name: string): Property | undefined {
  return component.properties.find((p) => p.name === name);
}

export function propertiesOf(component: Component, name: string): Property[] {
  return component.properties.filter((p) => p.name === name);
}
