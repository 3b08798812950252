/**
 * Sentences whose date part is something an interview never has: a time ago or later than the mail, the
 * end of a month, a month without a day. Chrono reads each as a date; Bowout must not, in the source and
 * in the production bundle alike (minification once kept the parsers the source left out).
 */
export const NEVER_A_DATE = {
  /** The invite's Date: Wednesday 2 December 2026, 15:30 in New York. */
  reference: '2026-12-02T20:30:00.000Z',
  offsetMinutes: -300,
  sentences: [
    { phrase: '2 weeks later', sentence: 'Interview 2 weeks later at 10am CET' },
    { phrase: '3 days ago', sentence: 'Interview 3 days ago at 10am CET' },
    { phrase: 'end of month', sentence: 'Interview end of month at 10am CET' },
    { phrase: 'December 2026', sentence: 'Interview December 2026 at 10am CET' },
    { phrase: '12/2026', sentence: 'Interview 12/2026 at 10am CET' },
    { phrase: '2026 December', sentence: 'Interview 2026 December at 10am CET' },
  ],
} as const;
