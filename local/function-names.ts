/** The reminder sweep's function name in the local stack, as `bowout remind` invokes it. */
export const SWEEP_FUNCTION = 'send-reminders';
