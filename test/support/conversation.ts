import { processInboundMail } from '../../functions/domain/conversation/inbound.js';
import { caseIdFor } from '../../functions/domain/ids.js';
import type { InboundOutcome } from '../../functions/domain/outcomes.js';
import type { OutgoingMail } from '../../functions/domain/ports.js';
import { fixture, received, replyMail } from './mail.js';
import { memoryDeps } from './memory-ports.js';

/**
 * A conversation with Bowout in memory: a user forwards, replies and gets mail, on one fixed clock.
 * Each message gets its own SES id; `mailsOf` names the mails a step sent.
 */
export const USER = 'alex.rivera@gmail.com';
export const EMPLOYER = 'priya.natarajan@northwind-analytics.com';

/** Thirty words no two of which normalise alike: subjects that are each new to the answer budget. */
export const DISTINCT_WORDS =
  'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu amber coral denim ember'.split(
    ' ',
  );

/** An invite whose words name no language ("8.12.2026, 14:00"): its letter is in the user's default. */
export const TERSE_INVITE = [
  `From: Alex Rivera <${USER}>`,
  'To: cancel@bowout.localhost',
  'Subject: Fwd: 8.12.',
  'Date: Tue, 1 Dec 2026 09:15:00 +0100',
  'Content-Type: text/plain; charset=utf-8',
  '',
  '---------- Forwarded message ---------',
  'From: Priya Natarajan <priya@northwind.example>',
  'Date: Mon, Nov 30, 2026 at 4:02 PM',
  'Subject: 8.12.',
  `To: <${USER}>`,
  '',
  '8.12.2026, 14:00',
  'Priya',
  '',
].join('\r\n');

/** The out-of-office subject prefixes of the usual clients, one per language: Bowout answers none of them. */
export const OUT_OF_OFFICE_PREFIXES = [
  'Automatische Antwort:',
  'Risposta automatica:',
  'Fuera de la oficina:',
  'Autosvar:',
  'OOO:',
  'Out of Office:',
  'Réponse automatique :',
  'Automatisch antwoord:',
  'Resposta automática:',
  'Automatyczna odpowiedź:',
  '自動返信:',
  '自动回复:',
  'Автоматический ответ:',
];

export type World = ReturnType<typeof memoryDeps> & {
  /** Delivers raw mail as SES would; resolves with the outcome and the mails it sent. */
  deliver(
    raw: string | Uint8Array,
    options?: Parameters<typeof received>[1],
  ): Promise<{ outcome: InboundOutcome; sent: OutgoingMail[] }>;
  /**
   * Forwards the Gmail fixture invite, a different one each time (a reference line of its own: the same
   * invite forwarded again would be a repeat), or `raw`; resolves with the draft's reply address and case id.
   */
  forward(raw?: string | Uint8Array): Promise<{ replyTo: string; caseId: string; outcome: InboundOutcome }>;
  /** Replies `body` from the user to `to`. */
  reply(to: string, body: string, headers?: Record<string, string>): Promise<InboundOutcome>;
};

export function conversation(now?: Date): World {
  const world = memoryDeps(now);
  let counter = 0;
  const deliver: World['deliver'] = async (raw, options = {}) => {
    const id = `ses-${++counter}`;
    world.rawMail.objects.set(id, typeof raw === 'string' ? new TextEncoder().encode(raw) : raw);
    const before = world.mailer.sent.length;
    const outcome = await processInboundMail(received(id, options), world.deps);
    return { outcome, sent: world.mailer.sent.slice(before) };
  };
  return {
    ...world,
    deliver,
    async forward(raw) {
      const invite =
        raw ??
        fixture('invites/gmail-inline.eml')
          .toString('utf8')
          .replace('Best,', `(reference ${counter + 1})\n\nBest,`);
      const { outcome, sent } = await deliver(invite);
      return {
        outcome,
        replyTo: sent.at(-1)?.replyTo[0] ?? '',
        caseId: caseIdFor(`ses-${counter}`),
      };
    },
    async reply(to, body, headers) {
      const raw = replyMail({ from: `Alex Rivera <${USER}>`, to, body, ...(headers ? { headers } : {}) });
      return (await deliver(raw, { recipients: [to] })).outcome;
    },
  };
}
