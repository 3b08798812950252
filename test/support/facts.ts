import type { InterviewTime, InviteFacts } from '../../functions/domain/model.js';

/**
 * Invite facts as the pipeline would produce them for a plain invite from Priya at Northwind, with the
 * parts a test cares about given explicitly. Shared by tests and benchmarks that need a case.
 */
export function inviteFacts(
  overrides: { employerName?: string; interview?: Partial<InterviewTime> } = {},
): InviteFacts {
  return {
    employer: {
      name: overrides.employerName ?? 'Priya Natarajan',
      email: 'priya@northwind.example',
      company: 'Northwind',
    },
    role: 'Engineer',
    interview: { start: null, end: null, timezone: null, certain: false, ...overrides.interview },
    missing: [],
    uncertain: [],
    originalSubject: 'Interview',
    originalMessageId: null,
    originalReferences: [],
    calendarEvent: null,
    phone: null,
  };
}
