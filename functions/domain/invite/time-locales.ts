import * as chrono from 'chrono-node';

/**
 * Date readers for the invites' languages beyond chrono's own reach: a clock time after its lead word
 * ("às 10h", "kl. 14.30", "o godz. 11:30"), which chrono's Portuguese and Swedish locales do not read,
 * and a small Polish reader (chrono has no Polish locale). Japanese and Chinese use chrono's locales.
 */

const MAX_HOUR = 23;
const MAX_MINUTE = 59;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

interface ClockOptions {
  /** The words before the time, as a regular expression source ("kl\\.?|klockan"). */
  lead: string;
  /** The words between a range's two times besides dashes ("till", "do", "às"). */
  join: string;
  /** Leads after which an hour alone is a time ("kl 10"); after the others minutes are needed ("o 10:00"). */
  bareHour: RegExp | null;
}

/** A time "10:00", "10.00", "10h", "10h30" or an hour alone: hour, minutes, "h", minutes after "h". */
const CLOCK = '(\\d{1,2})(?:[:.](\\d{2})|(h)(\\d{2})?)?';

function clockOf(hour: string | undefined, minutes: string | undefined) {
  const time = { hour: Number(hour), minute: Number(minutes ?? 0) };
  return time.hour <= MAX_HOUR && time.minute <= MAX_MINUTE ? time : null;
}

/** A clock time after its lead word, with an optional end: "kl 10:00–10:45", "das 14h às 15h". */
export function clockParser(options: ClockOptions): chrono.Parser {
  const pattern = new RegExp(
    `(?<![\\p{L}\\d])(${options.lead})(?:\\s{1,3}|(?<=\\.))${CLOCK}(?:\\s{0,3}(?:-|–|—|${options.join})\\s{0,3}${CLOCK})?(?![\\p{L}\\d])`,
    'iu',
  );
  return {
    pattern: () => pattern,
    extract: (context, match) => {
      const hasMinutes = match[3] !== undefined || match[4] !== undefined;
      if (!hasMinutes && !options.bareHour?.test(match[1] ?? '')) return null;
      const start = clockOf(match[2], match[3] ?? match[5]);
      if (!start) return null;
      const end = match[6] === undefined ? null : clockOf(match[6], match[7] ?? match[9]);
      return context.createParsingResult(match.index ?? 0, match[0], start, end ?? undefined);
    },
  };
}

/** A copy of a chrono with more parsers. */
function withParsers(base: chrono.Chrono, ...parsers: chrono.Parser[]): chrono.Chrono {
  const parser = base.clone();
  parser.parsers.push(...parsers);
  return parser;
}

/** "11h00", "9h30": a time with its "h", which needs no lead word. */
const hourWithH: chrono.Parser = {
  pattern: () => /(?<![\p{L}\d:.])(\d{1,2})h(\d{2})(?![\p{L}\d])/u,
  extract: (context, match) => {
    const time = clockOf(match[1], match[2]);
    return time ? context.createParsingComponents(time) : null;
  },
};

/**
 * "10:00", "10:00–11:00" with no lead word ("Tid: 10:00–11:00 (CET)", "Godzina: 14:00"): a colon time is a
 * time in any language, and these locales read none.
 */
const colonTime: chrono.Parser = {
  pattern: () => /(?<![\p{L}\d:.])(\d{1,2}):(\d{2})(?:\s{0,3}[-–—]\s{0,3}(\d{1,2}):(\d{2}))?(?![\p{L}\d:])/u,
  extract: (context, match) => {
    const start = clockOf(match[1], match[2]);
    if (!start) return null;
    const end = match[3] === undefined ? null : clockOf(match[3], match[4]);
    return context.createParsingResult(match.index ?? 0, match[0], start, end ?? undefined);
  },
};

/**
 * Chrono's Portuguese locale reads no times: "às 10h", "às 15h00", "das 14h às 15h", "Horário: 9h" and
 * "11h00" are added.
 */
export const portuguese = withParsers(
  chrono.pt.casual,
  clockParser({ lead: 'às|as|das|hora:|horário:|horario:', join: 'às|as|até|a', bareHour: /^h/i }),
  hourWithH,
  colonTime,
);

/** Dutch as Belgium writes it: "om 10u", "14u30" (chrono's Dutch locale reads "10 uur" and "10:00" only). */
export const dutch = withParsers(chrono.nl.casual, {
  pattern: () => /(?<![\p{L}\d:.])(\d{1,2})u(\d{2})?(?![\p{L}\d])/u,
  extract: (context, match) => {
    const time = clockOf(match[1], match[2]);
    return time ? context.createParsingComponents(time) : null;
  },
});

/**
 * Italian: an hour after "ore" ("lunedì 12 aprile ore 10", "alle ore 9", "dalle ore 14 alle 15"), which
 * chrono's Italian locale does not read (it reads "alle 10" and "10:00").
 */
export const italian = withParsers(
  chrono.it.casual,
  clockParser({ lead: '(?:(?:alle|dalle)\\s{1,3})?ore', join: 'alle|a', bareHour: /ore/i }),
);

/** Chrono's Swedish locale reads dates but no times: "kl. 14.30", "kl 10:00–10:45", "klockan 9". */
export const swedish = withParsers(
  chrono.sv.casual,
  clockParser({ lead: 'kl\\.?|klockan', join: 'till', bareHour: /./ }),
  colonTime,
);

const POLISH_MONTHS: Readonly<Record<string, number>> = {
  stycznia: 1,
  lutego: 2,
  marca: 3,
  kwietnia: 4,
  maja: 5,
  czerwca: 6,
  lipca: 7,
  sierpnia: 8,
  września: 9,
  października: 10,
  listopada: 11,
  grudnia: 12,
};

/** The year that puts a day and month closest to the reference, as chrono implies a year left out. */
function closestYear(reference: Date, month: number, day: number): number {
  const year = reference.getUTCFullYear();
  let best = year;
  for (const candidate of [year - 1, year + 1]) {
    const distance = (y: number) => Math.abs(Date.UTC(y, month - 1, day) - reference.getTime());
    if (distance(candidate) < distance(best)) best = candidate;
  }
  return best;
}

/** "12 stycznia", "4 lutego 2027 r.": a day and a month in the genitive, as Polish writes dates. */
const polishDate: chrono.Parser = {
  pattern: () =>
    new RegExp(
      `(?<![\\p{L}\\d])(\\d{1,2})\\s{1,3}(${Object.keys(POLISH_MONTHS).join('|')})(?:\\s{1,3}(\\d{4})(?:\\s?r\\.?)?)?(?![\\p{L}\\d])`,
      'iu',
    ),
  extract: (context, match) => {
    const day = Number(match[1]);
    const month = POLISH_MONTHS[match[2]?.toLowerCase() ?? ''];
    if (!month || day < 1 || day > 31) return null;
    const components = context.createParsingComponents({ day, month });
    if (match[3]) components.assign('year', Number(match[3]));
    else components.imply('year', closestYear(context.reference.instant, month, day));
    return components;
  },
};

/** "jutro" (tomorrow) and "pojutrze" (the day after), counted in the sender's clock. */
const polishRelativeDay: chrono.Parser = {
  pattern: () => /(?<![\p{L}\d])(jutro|pojutrze)(?![\p{L}\d])/iu,
  extract: (context, match) => {
    const offset = context.reference.timezoneOffset ?? 0;
    const days = match[1]?.toLowerCase() === 'pojutrze' ? 2 : 1;
    const local = new Date(context.reference.instant.getTime() + offset * MS_PER_MINUTE + days * MS_PER_DAY);
    return context.createParsingComponents({
      day: local.getUTCDate(),
      month: local.getUTCMonth() + 1,
      year: local.getUTCFullYear(),
    });
  },
};

/** Polish: genitive month dates, "jutro", and times after "o" or "godz." ("o godz. 11:30", "godz. 10"). */
export const polish = new chrono.Chrono({
  parsers: [
    polishDate,
    polishRelativeDay,
    clockParser({ lead: '(?:o\\s{1,3})?godz(?:\\.|iny|inie|ina)?|o', join: 'do', bareHour: /godz/i }),
    colonTime,
  ],
  refiners: [],
});

export const japanese = chrono.ja.casual;
export const chinese = chrono.zh.casual;
