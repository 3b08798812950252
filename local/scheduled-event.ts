/**
 * The event EventBridge gives the reminder sweep on its schedule. Its `time` is the sweep's "now", which
 * is how `remind --now` and the console's time picker run a sweep as if it were another time.
 */
export function scheduledEvent(time: Date, source = 'aws.events'): Record<string, unknown> {
  return { source, 'detail-type': 'Scheduled Event', time: time.toISOString(), detail: {} };
}
