import { DAY_MS } from '../retention.js';

/**
 * Pending nudges are filed by UTC day ("2026-12-08") in the due index. The sweep keeps a checkpoint: the
 * first day that may still hold pending nudges. It reads every day from there to today, and moves the
 * checkpoint past a day once that day is swept and closed, so a sweep outage of any length loses nothing
 * and a normal sweep reads only a day or two.
 */

/** The UTC day of an instant. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

export const nextDay = (day: string) => dayOf(new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS));

/**
 * The day a nudge is filed under: its due day, or the day it is filed on when that is later. A nudge
 * scheduled (or put back) after its due day therefore never lands on a day the sweep may have closed.
 */
export function filingDay(dueAt: string, filedAt: Date): string {
  return dayOf(new Date(Math.max(Date.parse(dueAt), filedAt.getTime())));
}
