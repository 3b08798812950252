import * as chrono from 'chrono-node';
import type { InterviewTime } from '../model.js';
import { zoneName } from './zones.js';

const INTERVIEW_WORDS =
  /interview|call|meeting|chat|conversation|schedul|invite|entretien|entrevista|vorstellungsgespr|gespräch|termin|rendez-vous|reunión/i;
const OTHER_DATE_WORDS =
  /applied|application received|submitted|confirm by|respond by|reply by|deadline|expires?|posted|sent:|date:|von:|de :|envoyé|enviado|gesendet/i;

const parsers = [chrono.en, chrono.de, chrono.fr, chrono.es].map((locale) => locale.casual);
const MAX_TEXT = 20_000;

/**
 * Step: find the interview time in free text. Relative words are read against the original invite's
 * date (not the forward's) and in the sender's zone. Among several dates the one written near
 * interview words wins; dates near "applied", "confirm by" and header lines lose.
 */
export function findInterviewTime(
  text: string,
  referenceIso: string | null,
  senderOffsetMinutes: number | null,
): InterviewTime | null {
  const body = text.slice(0, MAX_TEXT);
  const reference = {
    instant: referenceIso ? new Date(referenceIso) : new Date(0),
    ...(senderOffsetMinutes !== null ? { timezone: senderOffsetMinutes } : {}),
  };
  let best: { score: number; result: chrono.ParsedResult } | null = null;
  for (const parser of parsers) {
    for (const result of parser.parse(body, reference, { forwardDate: referenceIso !== null })) {
      if (
        !result.start.isCertain('hour') &&
        !result.start.isCertain('day') &&
        !result.start.isCertain('weekday')
      )
        continue;
      const context = body.slice(Math.max(0, result.index - 100), result.index + result.text.length + 40);
      const lineStart = body.lastIndexOf('\n', result.index) + 1;
      const line = body.slice(lineStart, result.index);
      let score = 0;
      if (INTERVIEW_WORDS.test(context)) score += 3;
      if (OTHER_DATE_WORDS.test(line) || OTHER_DATE_WORDS.test(context.slice(0, 100))) score -= 5;
      if (result.start.isCertain('hour')) score += 2;
      if (result.end) score += 1;
      if (!best || score > best.score) best = { score, result };
    }
    if (best && best.score > 0) break;
  }
  if (!best || best.score < 0) return null;
  const { start, end } = best.result;
  const offsetStated = start.isCertain('timezoneOffset');
  const offset = start.get('timezoneOffset') ?? senderOffsetMinutes;
  return {
    start: start.date().toISOString(),
    end: end ? end.date().toISOString() : null,
    timezone: zoneName(offset ?? 0),
    certain: offsetStated && start.isCertain('hour') && start.isCertain('day') && start.isCertain('month'),
  };
}
