/**
 * How long Bowout keeps what it stores. Every stored item has an end, so nothing personal outlives its
 * use; the DynamoDB adapters set these as TTLs and their in-memory twins honour them the same way.
 */
export const RETENTION_DAYS = {
  /** A processed-message marker only needs to outlive SES's and Lambda's retries. */
  messageMarker: 14,
  /** A case and its reply tokens: long enough for the "stay in touch" nudge three months after sending. */
  case: 200,
  /** User settings (STOP ALL), after the last change. */
  userSettings: 365,
  /**
   * A nudge waiting to be sent, after its due time: as long as its case may still be there, so a sweep
   * outage of any length short of that loses no nudge.
   */
  pendingNudge: 200,
  /** A nudge sent or skipped, kept for the record after it was settled. */
  settledNudge: 30,
  /**
   * The sweep's checkpoint (no personal data), after it last moved: by then every nudge pending when it
   * was written has lapsed.
   */
  sweepCheckpoint: 400,
  /** A suppressed address, after the last bounce or complaint for it. */
  suppression: 365,
  /** A mark that a subject was answered once, so a looping responder gets no second answer. */
  answeredSubject: 30,
} as const;

export const DAY_MS = 86_400_000;
