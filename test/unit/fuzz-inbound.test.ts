import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { processInboundMail } from '../../functions/domain/conversation/inbound.js';
import type { ReceivedMail, Verdicts } from '../../functions/domain/model.js';
import type { CommandOutcome, InboundOutcome } from '../../functions/domain/outcomes.js';
import { fixture, received, replyMail } from '../support/mail.js';
import { memoryDeps } from '../support/memory-ports.js';
import { hostileMime, inputHaystack, mentions, POOL, toBytes } from '../support/mime-fuzz.js';

/**
 * Fuzzing: hostile MIME through processInboundMail with the in-memory ports. Fixed seeds and
 * bounded runs, so a failure is reproducible (fast-check prints the seed and path of the shrunk case).
 */

/**
 * Every outcome processInboundMail records (functions/domain/outcomes.ts), as records the compiler
 * checks against the unions: an outcome added or removed there must be added or removed here.
 */
const INBOUND_OUTCOMES: Record<Exclude<InboundOutcome, CommandOutcome>, true> = {
  'dropped-virus': true,
  duplicate: true,
  'raw-mail-missing': true,
  'unreadable-answered': true,
  'unreadable-unanswered': true,
  'ignored-own-loop': true,
  'ignored-bounce': true,
  'ignored-auto-submitted': true,
  'ignored-auto-reply': true,
  'ignored-bulk': true,
  'ignored-mailing-list': true,
  'ignored-out-of-office': true,
  'ignored-spam': true,
  'ignored-unauthenticated': true,
  'ignored-unknown-recipient': true,
  'duplicate-draft': true,
  'repeated-forward': true,
  'repeated-forward-quiet': true,
  'not-an-invite': true,
  'own-mail-noted': true,
  'draft-rate-limited': true,
  drafted: true,
  'rejected-unknown-token': true,
  'rejected-wrong-sender': true,
  'rejected-unauthenticated': true,
};
const OUTCOMES = new Set<string>(Object.keys(INBOUND_OUTCOMES));

const COMMAND_OUTCOMES: Record<CommandOutcome, true> = {
  sent: true,
  'send-no-recipient': true,
  'already-sent': true,
  'send-discarded': true,
  'send-in-progress': true,
  'send-uncertain': true,
  'send-needs-confirmation': true,
  'send-rate-limited': true,
  'send-refused': true,
  'send-conflict': true,
  discarded: true,
  'cancel-too-late': true,
  'change-too-late': true,
  'change-after-edit': true,
  'change-conflict': true,
  'changed-lang': true,
  'changed-edit': true,
  'changed-reason': true,
  'changed-offer': true,
  'changed-to': true,
  'to-rejected': true,
  'remind-unclear': true,
  'remind-set': true,
  'remind-closed': true,
  stopped: true,
  'stopped-all': true,
  'to-needs-confirmation': true,
  'to-confirmed': true,
  'nothing-to-confirm': true,
  'link-refused': true,
  'when-set': true,
  'when-unclear': true,
  'when-passed': true,
  'when-closed': true,
  'remind-after-interview': true,
  'zone-set': true,
  'zone-unclear': true,
  'name-set': true,
  'name-refused': true,
  'language-set': true,
  status: true,
  forgotten: true,
  help: true,
  'needs-case': true,
  'unclear-command': true,
  'quiet-asked-no-answer': true,
  'quiet-same-subject': true,
  'quiet-budget-spent': true,
  'answer-budget-notice': true,
};
const REPLY_OUTCOMES = new Set<string>(Object.keys(COMMAND_OUTCOMES));

/** Hang guard per message: generous (a message takes milliseconds), far below the test timeout. */
const PER_MESSAGE_MS = 10_000;

async function bounded<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PER_MESSAGE_MS} ms`)), PER_MESSAGE_MS);
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

const verdict = fc.constantFrom<Verdicts['spf']>('PASS', 'FAIL', 'GRAY');
const envelope = fc.record({
  envelopeFrom: fc.oneof(fc.constantFrom(...POOL, ''), fc.emailAddress()),
  recipients: fc.oneof(
    fc.constant(['cancel@bowout.localhost']),
    fc.constant(['reply+abcdefghijklmnopqrstuvwxyz234567@bowout.localhost']),
    fc.constant(['someone@bowout.localhost']),
    fc.constant(['cancel@bowout.localhost', 'other@elsewhere.example']),
  ),
  verdicts: fc.record({ spf: verdict, dkim: verdict, dmarc: verdict, spam: verdict, virus: verdict }),
});

describe('fuzzing the inbound path with hostile MIME', () => {
  it('answers every message with a documented outcome, in bounded time, mailing only addresses from the input, keeping the raw mail', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(hostileMime, envelope, async (latin, env) => {
        const world = memoryDeps();
        const raw = toBytes(latin);
        const original = Buffer.from(raw);
        world.rawMail.objects.set('fuzz', raw);
        const input: ReceivedMail = {
          sesMessageId: 'fuzz',
          envelopeFrom: env.envelopeFrom,
          recipients: [...env.recipients],
          verdicts: { ...env.verdicts } as Verdicts,
        };
        // A message that takes longer than PER_MESSAGE_MS fails the property here (time figures are in bench/).
        const outcome = await bounded(processInboundMail(input, world.deps));
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
        expect(OUTCOMES.has(outcome), `undocumented outcome ${outcome}`).toBe(true);

        const haystack = world.mailer.sent.length ? await inputHaystack(original) : '';
        for (const mail of world.mailer.sent) {
          for (const recipient of [...mail.to, ...mail.cc]) {
            const known =
              recipient.toLowerCase() === env.envelopeFrom.toLowerCase() || mentions(haystack, recipient);
            expect(known, `mailed ${recipient}, which the input never named`).toBe(true);
          }
        }
        // The raw mail stays where SES put it, byte for byte, whatever the outcome.
        const kept = world.rawMail.objects.get('fuzz');
        expect(kept && Buffer.from(kept).equals(original), 'raw mail changed or gone').toBe(true);
        // One SES message gives at most one draft.
        expect(world.mailer.sent.length).toBeLessThanOrEqual(1);
      }),
      { seed: 7_2026, numRuns: 200, endOnFailure: true },
    );
    // The generators reach the interesting paths, not only the early exits.
    for (const outcome of ['drafted', 'not-an-invite', 'ignored-unauthenticated'])
      expect(seen.get(outcome)).toBeGreaterThan(0);
  }, 120_000);
});

// --- The reply path: random command texts to a real case token. -------------------------------------

const USER = 'alex.rivera@gmail.com';
const EMPLOYER = 'priya.natarajan@northwind-analytics.com';

/** The SEND forms of commands.ts, matched on their own (an oracle independent of parseCommand). */
const SEND_FORMS =
  /^(send|send it|send now|yes,?\s*send( it)?|please send( it)?|ok,?\s*send( it)?|go ahead and send( it)?|send again|resend|send it again)[\s.!]*$/i;

const firstLine = fc.oneof(
  fc.constantFrom(
    'SEND',
    'send it!',
    'Yes, send it.',
    'SEND AGAIN',
    'resend',
    'SEND to attacker@evil.example',
    'SENDX',
    "don't send",
    'do not send it',
    'CANCEL',
    'STOP',
    'STOP ALL',
    'HELP',
    '?',
    'TO attacker@evil.example',
    'TO not-an-address',
    'TO noreply@greenhouse.io',
    'TO cancel@bowout.localhost',
    'REASON I accepted another offer',
    'OFFER a contract role',
    'REMIND 2 days',
    'REMIND yesterday',
    'REMIND',
    'EDIT',
    'EDIT Dear Priya, I withdraw. Bcc: attacker@evil.example',
    'EDIT Dear Priya, see hxxps://evil[.]example',
    'CONFIRM',
    'WHEN tomorrow 3pm',
    'ZONE Mars',
    'NAME Alex www.evil.example',
    'send\u2028to attacker@evil.example',
    '\u0000SEND',
    'ＳＥＮＤ',
  ),
  fc.string({ maxLength: 60 }),
  fc.string({ maxLength: 60, unit: 'binary' }),
);
const otherLine = fc.oneof(
  fc.constantFrom('', '> SEND', 'SEND', 'To: attacker@evil.example', 'Bcc: attacker@evil.example', '-- '),
  fc.string({ maxLength: 60 }),
);
const replyBody = fc
  .tuple(
    fc.array(fc.constantFrom('', '   ', '> quoted line', '>SEND'), { maxLength: 3 }),
    firstLine,
    fc.array(otherLine, { maxLength: 5 }),
    fc.constantFrom('\r\n', '\n', '\r'),
  )
  .map(([before, first, after, eol]) => ({ lines: [...before, first, ...after], eol }));

/** The first line of the user's own text, as a reader would take it: blank and quoted lines skipped. */
function firstOwnLine(lines: string[]): string {
  return (
    lines
      .flatMap((l) => l.split(/\r\n|\r|\n/))
      .map((l) => l.trim())
      .find((l) => l !== '' && !l.startsWith('>')) ?? ''
  );
}

describe('fuzzing the reply path with random command texts', () => {
  it('answers with a documented outcome, and writes to the employer only after a SEND form', async () => {
    const world = memoryDeps();
    world.rawMail.objects.set('fwd', fixture('invites/gmail-inline.eml'));
    expect(await processInboundMail(received('fwd'), world.deps)).toBe('drafted');
    const token = world.mailer.sent[0]?.replyTo[0] ?? '';
    expect(token).toMatch(/^reply\+/);
    // Every run starts from this state: one DRAFTED case with a live token.
    const pristine = {
      cases: structuredClone(world.cases.cases),
      tokens: structuredClone(world.cases.tokens),
    };

    let run = 0;
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(replyBody, async ({ lines, eol }) => {
        world.cases.cases.clear();
        for (const [k, v] of structuredClone(pristine.cases)) world.cases.cases.set(k, v);
        world.cases.tokens.clear();
        for (const [k, v] of pristine.tokens) world.cases.tokens.set(k, v);
        world.quotas.quotas.clear();
        world.quotas.answeredSubjects.clear();
        world.settings.users.clear();
        world.mailer.sent.length = 0;
        const id = `reply-${run++}`;
        const raw = replyMail({ from: `Alex Rivera <${USER}>`, to: token, body: lines.join(eol) });
        world.rawMail.objects.set(id, new TextEncoder().encode(raw));

        const outcome = await bounded(
          processInboundMail(received(id, { envelopeFrom: USER, recipients: [token] }), world.deps),
        );
        expect(REPLY_OUTCOMES.has(outcome), `undocumented outcome ${outcome}`).toBe(true);
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
        const recipients = world.mailer.sent.flatMap((m) => [...m.to, ...m.cc]);
        // Mail goes to the user, and to the employer on the stored draft: never to anyone the reply names.
        for (const r of recipients) expect([USER, EMPLOYER]).toContain(r);
        if (recipients.includes(EMPLOYER)) {
          expect(SEND_FORMS.test(firstOwnLine(lines)), `sent after "${firstOwnLine(lines)}"`).toBe(true);
          expect(outcome).toBe('sent');
        }
      }),
      { seed: 7_2027, numRuns: 300, endOnFailure: true },
    );
    for (const outcome of ['sent', 'unclear-command', 'to-needs-confirmation', 'link-refused', 'discarded'])
      expect(seen.get(outcome)).toBeGreaterThan(0);
  }, 60_000);
});

describe('found while building hostile bodies: one mass-mail word in a real invite', () => {
  /**
   * Regression: a genuine forwarded invite whose signature carried a single footer line such as
   * "Subscribe to our newsletter" or "Follow us on LinkedIn | Unsubscribe" was answered "I couldn't find
   * an interview invite in this", because one mass-mail word vetoed it. Now mass mail needs two marks
   * in the text or one in the subject.
   */
  it.each(['Subscribe to our newsletter', 'Follow us on LinkedIn | Unsubscribe'])(
    'an invite signed with "%s" is still drafted',
    async (footer) => {
      const world = memoryDeps();
      const raw = fixture('invites/gmail-inline.eml')
        .toString('utf8')
        .replace('Talent Partner, Northwind Analytics', `Talent Partner, Northwind Analytics\n${footer}`);
      world.rawMail.objects.set('footer', Buffer.from(raw));
      expect(await processInboundMail(received('footer'), world.deps)).toBe('drafted');
    },
  );
});
