import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Email } from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as remindCommand } from '../../local/cli/remind.js';
import { INBOUND_FUNCTION } from '../../local/inbound.js';
import { buildIngestEvent, ingestMail } from '../../local/ingest.js';
import type { LocalStack } from '../../local/stack.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/standins.js';
import { fixture } from '../support/mail.js';
import { startTemporaryStack, type TemporaryStack } from '../support/temporary-stack.js';

/**
 * The whole loop through real protocols: an SMTP client forwards an invite to the local stack, the
 * draft appears in the outbox, a SEND reply to its Reply-To goes back over SMTP, and the employer's
 * cancellation appears in the outbox exactly once.
 */

const USER = 'alex.rivera@gmail.com';

/**
 * A fixture moved ten years ahead: the stack runs on the real clock, and an interview that has passed
 * asks for a second SEND, so the invites must stay in the future whenever this test runs.
 */
function invite(name: string): Buffer {
  return Buffer.from(fixture(`invites/${name}`).toString('utf8').replaceAll('2026', '2036'));
}
const EMPLOYER = 'priya.natarajan@northwind-analytics.com';

let temporary: TemporaryStack;
let stack: LocalStack;
let smtp: TemporaryStack['smtp'];

beforeAll(async () => {
  temporary = await startTemporaryStack({ name: 'e2e' });
  ({ stack, smtp } = temporary);
});

afterAll(async () => {
  await temporary?.stop();
});

const outbox = () => temporary.outbox();

/** The outbox, which must hold exactly `count` messages once the stack has drained its work. */
async function outboxOf(count: number) {
  const messages = await outbox();
  expect(messages).toHaveLength(count);
  return messages;
}

/** A reply from `from` to a case's private address, as a mail client sends it over SMTP. */
const replyOverSmtp = (reply: { from: string; to: string; text: string }) =>
  smtp.sendMail({ envelope: { from: reply.from, to: [reply.to] }, ...reply, subject: 'Re' });

const header = (mail: Email, key: string) => mail.headers.find((h) => h.key === key)?.value;
const to = (mail: Email) => (mail.to ?? []).map((a) => a.address);

describe('the loop, end to end on the local stack', () => {
  let replyTo = '';

  it('answers a forwarded invite with a draft whose Reply-To is the case token address', async () => {
    await smtp.sendMail({
      envelope: { from: USER, to: [`cancel@${stack.settings.domain}`] },
      raw: invite('gmail-inline.eml'),
    });
    const [draft] = await outboxOf(1);
    expect(draft).toBeDefined();
    if (!draft) return;
    expect(to(draft.mail)).toEqual([USER]);
    replyTo = draft.mail.replyTo?.[0]?.address ?? '';
    expect(replyTo).toMatch(/^reply\+[a-z2-7]{32}@bowout\.localhost$/);
    expect(draft.mail.text).toContain('SEND');
    expect(draft.mail.text).toContain('Priya Natarajan');
    expect(header(draft.mail, 'auto-submitted')).toBe('auto-replied');
    expect(header(draft.mail, 'x-bowout-loop')).toBeDefined();
  });

  it('sends the employer exactly one cancellation with the threading and identity headers after SEND', async () => {
    await smtp.sendMail({
      envelope: { from: USER, to: [replyTo] },
      from: `Alex Rivera <${USER}>`,
      to: replyTo,
      subject: 'Re: Your cancellation draft',
      text: 'SEND\n\nOn Tue, Bowout wrote:\n> Reply SEND',
    });
    const messages = await outboxOf(2);
    const cancellation = messages.find((m) => to(m.mail).includes(EMPLOYER));
    expect(cancellation).toBeDefined();
    if (!cancellation) return;
    const { mail } = cancellation;
    expect(mail.from).toMatchObject({ name: 'Alex Rivera via Bowout', address: 'send@bowout.localhost' });
    expect(mail.replyTo?.map((a) => a.address)).toEqual([USER]);
    expect(mail.cc?.map((a) => a.address)).toEqual([USER]);
    expect(mail.subject).toBe('Re: Interview for Senior Data Engineer at Northwind Analytics');
    // A personal message the user asked for: nothing marks it as automatic mail (regression).
    expect(header(mail, 'auto-submitted')).toBeUndefined();
    expect(header(mail, 'x-bowout-loop')).toBeDefined();
    expect(mail.text).toContain('Dear Priya,');
  });

  it('threads the cancellation into the original conversation when the invite carried a Message-ID', async () => {
    await smtp.sendMail({
      envelope: { from: 'jordan.lee@fastmail.com', to: [`cancel@${stack.settings.domain}`] },
      raw: invite('attached-rfc822.eml'),
    });
    const draft = (await outboxOf(3)).find((m) => to(m.mail).includes('jordan.lee@fastmail.com'));
    const address = draft?.mail.replyTo?.[0]?.address ?? '';
    await smtp.sendMail({
      envelope: { from: 'jordan.lee@fastmail.com', to: [address] },
      from: 'jordan.lee@fastmail.com',
      to: address,
      subject: 'Re',
      text: 'send it',
    });
    const cancellation = (await outboxOf(4)).find((m) => to(m.mail).includes('maria.gonzalez@contoso.com'));
    expect(cancellation?.mail.inReplyTo).toBe('<invite-003@contoso.com>');
    expect(cancellation?.mail.references).toBe('<application-77@contoso.com> <invite-003@contoso.com>');
  });

  it('sends nothing new when SES delivers the same SEND again, and only one short note for a second SEND', async () => {
    const before = await outbox();
    // Replay: the very same SES delivery (same message id) of the SEND that was already processed.
    const stored = await storedMailTo(replyTo);
    expect(stored).toBeDefined();
    if (!stored) return;
    const replay = buildIngestEvent({
      ...stored,
      domain: stack.settings.domain,
      from: USER,
      to: [replyTo],
      receivedAt: new Date(),
    });
    const result = await stack.lambda.invoke(INBOUND_FUNCTION, JSON.stringify(replay));
    expect(JSON.stringify(result)).toContain('duplicate');
    expect(await outbox()).toHaveLength(before.length);

    await replyOverSmtp({ from: USER, to: replyTo, text: 'SEND' });
    const after = await outboxOf(before.length + 1);
    const added = after.slice(before.length);
    expect(added).toHaveLength(1);
    expect(to(added[0]?.mail ?? ({} as Email))).toEqual([USER]);
    expect(added[0]?.mail.subject).toBe('Already sent');
    expect(after.filter((m) => to(m.mail).includes(EMPLOYER))).toHaveLength(1);
  });

  it('answers mail that is not an invite with a short note', async () => {
    const before = (await outbox()).length;
    await smtp.sendMail({
      envelope: { from: 'robin.park@gmail.com', to: [`cancel@${stack.settings.domain}`] },
      raw: fixture('invites/newsletter.eml'),
    });
    const [note] = (await outboxOf(before + 1)).slice(before);
    expect(note?.mail.subject).toMatch(/couldn't find an interview invite/i);
  });
});

describe('letters in the invite language, end to end', () => {
  /** Forwards `file` as `user`, answers the draft with each of `commands` in turn, and returns what came out. */
  async function forwardAndAnswer(file: string, user: string, commands: string[]) {
    const before = (await outbox()).length;
    await smtp.sendMail({
      envelope: { from: user, to: [`cancel@${stack.settings.domain}`] },
      raw: invite(file),
    });
    const [draft] = (await outboxOf(before + 1)).slice(before);
    const address = draft?.mail.replyTo?.[0]?.address ?? '';
    expect(address).toMatch(/^reply\+/);
    let count = before + 1;
    for (const text of commands) {
      await smtp.sendMail({
        envelope: { from: user, to: [address] },
        from: user,
        to: address,
        subject: 'Re',
        text,
      });
      count += 1;
      await outboxOf(count);
    }
    const added = (await outbox()).slice(before);
    return { draft: draft?.mail, added };
  }

  it('answers a German invite in German, formally, and keeps the user mail in English', async () => {
    const { draft, added } = await forwardAndAnswer(
      'outlook-desktop-de-urspruengliche-nachricht.eml',
      'sabine.roth@t-online.de',
      ['SEND'],
    );
    expect(draft?.subject).toMatch(/^Your cancellation draft/);
    expect(draft?.text).toContain('The letter is in German, the language of the invite.');
    const letter = added.find((m) => to(m.mail).includes('jens.hartmann@solvia-energie.de'))?.mail;
    expect(letter?.subject).toBe(
      'Re: Ihr Vorstellungsgespräch am 13.10.2036 – Projektleiterin Energieeffizienz',
    );
    expect(letter?.text).toMatch(/^Guten Tag Jens Hartmann,\n\n(?:vielen|herzlichen) Dank/);
    expect(letter?.text).toMatch(/Bewerbung zurück/);
    expect(letter?.text).toMatch(/Montag, 13\. Oktober um 10:00 Uhr/);
    expect(letter?.text).toMatch(/\nSabine Roth\s*$/);
    expect(letter?.text).not.toMatch(/\b(?:du|dir|dich)\b/);
    expect(header(letter ?? ({} as Email), 'auto-submitted')).toBeUndefined();
  });

  it('answers a French invite in French with the reason the user gave, and switches language on LANG', async () => {
    const { added } = await forwardAndAnswer(
      'outlook-desktop-fr-message-d-origine.eml',
      'elodie.marchand@orange.fr',
      ["REASON j'ai accepté une autre offre", 'SEND'],
    );
    const letter = added.find((m) => to(m.mail).includes('thomas.lefevre@atelier-verdure.fr'))?.mail;
    expect(letter?.text).toMatch(/^Bonjour Thomas,\n\n/);
    expect(letter?.text).toContain("J'ai accepté une autre offre.");
    expect(letter?.text).toMatch(/retirer ma candidature|ne pas poursuivre/);
    // The note above the forward ("Je souhaite annuler cet entretien, merci.") stays private.
    expect(letter?.text).not.toContain('Je souhaite annuler');

    const switched = await forwardAndAnswer(
      'outlook-desktop-es-mensaje-original.eml',
      'pablo.navarro@hotmail.es',
      ['LANG en', 'CANCEL'],
    );
    const updated = switched.added.at(-2)?.mail;
    expect(updated?.subject).toMatch(/^Your updated cancellation draft/);
    expect(updated?.text).toContain('The letter is in English.');
    expect(updated?.text).toMatch(/Subject: Re: .+\n\n(?:Dear|Hi) Carmen,/);
    expect(switched.added.at(-1)?.mail.subject).toBe('Draft discarded');
  });
});

/** The raw mail the stack stored (as SES would) for the SEND sent to `recipient`, with its message id. */
async function storedMailTo(recipient: string): Promise<{ messageId: string; raw: Uint8Array } | undefined> {
  return storedMail((text) => text.includes(`To: ${recipient}`) && /\r?\n\r?\nSEND\r?\n/.test(text));
}

/** The first raw mail the stack stored (as SES would) whose text matches, with its message id. */
async function storedMail(
  matches: (text: string) => boolean,
): Promise<{ messageId: string; raw: Uint8Array } | undefined> {
  const s3 = new S3Client({
    endpoint: stack.endpoints.s3,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  const { Contents = [] } = await s3.send(
    new ListObjectsV2Command({ Bucket: stack.settings.bucket, Prefix: stack.settings.rawMailPrefix }),
  );
  for (const { Key } of Contents) {
    if (!Key) continue;
    const object = await s3.send(new GetObjectCommand({ Bucket: stack.settings.bucket, Key }));
    const raw = await object.Body?.transformToByteArray();
    const text = raw ? new TextDecoder().decode(raw) : '';
    if (raw && matches(text)) {
      return { messageId: Key.slice(stack.settings.rawMailPrefix.length), raw };
    }
  }
  return undefined;
}

describe('nobody else can drive it, end to end', () => {
  const CASEY = 'casey.morgan@proton.me';
  let token = '';

  async function ingestReply(body: string, verdicts: Record<string, string>, headers = '') {
    const raw = Buffer.from(
      `From: Casey Morgan <${CASEY}>\r\nTo: ${token}\r\nSubject: Re: draft\r\n${headers}Content-Type: text/plain\r\n\r\n${body}\r\n`,
    );
    const outcome = await ingestMail(stack.settings, raw, { from: CASEY, to: [token], verdicts });
    return JSON.stringify(outcome);
  }

  it('gets a draft for a calendar invite forwarded through SMTP', async () => {
    const before = (await outbox()).length;
    await smtp.sendMail({
      envelope: { from: CASEY, to: [`cancel@${stack.settings.domain}`] },
      raw: invite('calendar-invite.eml'),
    });
    const [draft] = (await outboxOf(before + 1)).slice(before);
    token = draft?.mail.replyTo?.[0]?.address ?? '';
    expect(token).toMatch(/^reply\+/);
  });

  it.each([
    ['DMARC failed', { dmarc: 'FAIL', spf: 'PASS', dkim: 'PASS' }, 'rejected-unauthenticated'],
    ['a virus was found', { virus: 'FAIL' }, 'dropped-virus'],
    ['SES marked it as spam', { spam: 'FAIL' }, 'ignored-spam'],
  ])('ignores a SEND when %s, and sends nothing', async (_name, verdicts, outcome) => {
    const before = (await outbox()).length;
    expect(await ingestReply('SEND', verdicts)).toContain(outcome);
    expect(await outbox()).toHaveLength(before);
  });

  it('does not answer an auto-reply to the token address', async () => {
    const before = (await outbox()).length;
    expect(await ingestReply('I am out of the office', {}, 'Auto-Submitted: auto-replied\r\n')).toContain(
      'ignored-auto-submitted',
    );
    expect(await outbox()).toHaveLength(before);
  });

  it('declines the calendar event when the cancellation goes out', async () => {
    const before = (await outbox()).length;
    expect(await ingestReply('SEND', {})).toContain('"sent"');
    const [cancellation] = (await outboxOf(before + 1)).slice(before);
    expect(to(cancellation?.mail ?? ({} as Email))).toEqual(['hannah.cole@fabrikam.com']);
    expect(cancellation?.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REPLY/i);
    expect(cancellation?.raw).toContain('PARTSTAT=DECLINED');
    expect(cancellation?.raw).toContain('UID:gh-interview-98765@greenhouse.io');
  });
});

describe('follow-up nudges, end to end', () => {
  const ROBIN = 'robin.okafor@fastmail.com';
  const DAY = 86_400_000;
  let token = '';

  async function remindAt(at: Date): Promise<string> {
    const out: string[] = [];
    const err: string[] = [];
    const env = {
      BOWOUT_DATA_DIR: stack.dataDir,
      BOWOUT_HOST: stack.settings.host,
      BOWOUT_LAMBDA_PORT: String(stack.ports.lambda),
    };
    const code = await remindCommand.run(['--now', at.toISOString()], {
      env,
      cwd: process.cwd(),
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    return out.join('\n');
  }

  it('sends one "not sent yet" nudge when it falls due, and nothing more on a second sweep', async () => {
    const raw = invite('outlook-original-message.eml')
      .toString('utf8')
      .replaceAll('sam.oneill@outlook.com', ROBIN);
    const initial = (await outbox()).length;
    await smtp.sendMail({ envelope: { from: ROBIN, to: [`cancel@${stack.settings.domain}`] }, raw });
    const before = (await outboxOf(initial + 1)).length;
    const draft = (await outbox()).filter((m) => to(m.mail).includes(ROBIN)).at(-1);
    token = draft?.mail.replyTo?.[0]?.address ?? '';
    expect(token).toMatch(/^reply\+/);

    expect(await remindAt(new Date(Date.now() + 2 * DAY))).toContain('"sent":1');
    const after = await outbox();
    expect(after.length).toBe(before + 1);
    const nudge = after.at(-1)?.mail;
    expect(to(nudge ?? ({} as Email))).toEqual([ROBIN]);
    expect(nudge?.subject).toMatch(/^Reminder/);
    expect(nudge?.text).toContain('STOP');

    expect(await remindAt(new Date(Date.now() + 2 * DAY + 60_000))).toContain('"sent":0');
    expect(await outbox()).toHaveLength(before + 1);
  });

  it('sends the reflection prompt once, a week after the cancellation went out', async () => {
    const raw = Buffer.from(`From: Robin Okafor <${ROBIN}>\r\nTo: ${token}\r\nSubject: Re\r\n\r\nSEND\r\n`);
    expect(JSON.stringify(await ingestMail(stack.settings, raw, { from: ROBIN, to: [token] }))).toContain(
      '"sent"',
    );
    const reflectionsFor = async (address: string) =>
      (await outbox()).filter(
        (m) => to(m.mail).includes(address) && /^A moment to reflect/.test(m.mail.subject ?? ''),
      );
    // Every case sent earlier in this file gets its own reflection in the same sweep.
    expect(await remindAt(new Date(Date.now() + 9 * DAY))).toMatch(/"sent":[1-9]/);
    expect(await reflectionsFor(ROBIN)).toHaveLength(1);
    const total = (await outbox()).length;
    expect(await remindAt(new Date(Date.now() + 9 * DAY + 60_000))).toContain('"sent":0');
    expect(await outbox()).toHaveLength(total);
    expect(await reflectionsFor(ROBIN)).toHaveLength(1);
  });
});

/** The cases stored in the stack's table for a user (a scan: the local table is small). */
async function casesOf(user: string): Promise<Record<string, unknown>[]> {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.endpoints.dynamodb,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    }),
  );
  const { Items = [] } = await db.send(new ScanCommand({ TableName: stack.settings.tableName }));
  return Items.filter((item) => item.sk === 'CASE' && (item.user as { email?: string })?.email === user);
}

describe('the same invite forwarded twice, end to end', () => {
  const TAYLOR = 'taylor.brooks@gmail.com';
  /** The Gmail forward as Taylor's client writes it, with a Message-ID and a note of its own each time. */
  const forwardOf = (messageId: string, note = '') =>
    Buffer.from(
      invite('gmail-inline.eml')
        .toString('utf8')
        .replaceAll('alex.rivera@gmail.com', TAYLOR)
        .replaceAll('Alex Rivera', 'Taylor Brooks')
        .replace(/^Message-ID: <[^>]+>/im, `Message-ID: <${messageId}>`)
        .replace('---------- Forwarded message', `${note}\r\n\r\n$&`),
    );
  const forward = (raw: Buffer) =>
    smtp.sendMail({ envelope: { from: TAYLOR, to: [`cancel@${stack.settings.domain}`] }, raw });
  let note: Email | undefined;

  it('opens one case and answers the second forward with one short note pointing at it', async () => {
    const before = (await outbox()).length;
    await forward(forwardOf('taylor-1@mail.gmail.com'));
    await forward(forwardOf('taylor-2@mail.gmail.com', 'Did this arrive? Sending it again.'));
    const added = (await outboxOf(before + 2)).slice(before).map((m) => m.mail);
    expect(added.map(to)).toEqual([[TAYLOR], [TAYLOR]]);
    const [draft] = added;
    note = added[1];
    expect(draft?.text).toContain('Here is what I understood');
    expect(note?.subject).toBe('You forwarded this invite already');
    expect(note?.text).toContain('I already have this invite');
    expect(note?.text).not.toContain('Here is what I understood');
    expect(await casesOf(TAYLOR)).toHaveLength(1);
  });

  it("sends the earlier case's cancellation, once, on SEND to the note's reply address", async () => {
    const before = (await outbox()).length;
    const address = note?.replyTo?.[0]?.address ?? '';
    expect(address).toMatch(/^reply\+/);
    await replyOverSmtp({ from: TAYLOR, to: address, text: 'SEND' });
    const added = (await outboxOf(before + 1)).slice(before);
    expect(to(added[0]?.mail ?? ({} as Email))).toEqual([EMPLOYER]);
    expect(added[0]?.mail.replyTo?.map((a) => a.address)).toEqual([TAYLOR]);
    expect((await casesOf(TAYLOR)).map((c) => c.state)).toEqual(['SENT']);
  });

  it('writes the cancellation From "the user via Bowout" at its own address, Reply-To the user, and with no Sender header', async () => {
    const cancellation = (await outbox()).find(
      (m) => to(m.mail).includes(EMPLOYER) && m.raw.includes(TAYLOR),
    );
    expect(cancellation).toBeDefined();
    const headerBlock = cancellation?.raw.split(/\r?\n\r?\n/)[0] ?? '';
    expect(headerBlock).not.toMatch(/^Sender:/im);
    expect(cancellation?.mail.sender).toBeUndefined();
    expect(cancellation?.mail.from).toMatchObject({
      name: 'Taylor Brooks via Bowout',
      address: 'send@bowout.localhost',
    });
    expect(cancellation?.mail.replyTo?.map((a) => a.address)).toEqual([TAYLOR]);
    expect(headerBlock).not.toMatch(new RegExp(`^(From|Sender|Return-Path):.*${TAYLOR}`, 'im'));
  });

  it('gives a duplicate SES delivery of the repeated forward nothing at all', async () => {
    const before = (await outbox()).length;
    const stored = await storedMail((text) => text.includes('Message-ID: <taylor-2@mail.gmail.com>'));
    expect(stored).toBeDefined();
    if (!stored) return;
    const replay = buildIngestEvent({
      ...stored,
      domain: stack.settings.domain,
      from: TAYLOR,
      to: [`cancel@${stack.settings.domain}`],
      receivedAt: new Date(),
    });
    expect(JSON.stringify(await stack.lambda.invoke(INBOUND_FUNCTION, JSON.stringify(replay)))).toContain(
      '"duplicate"',
    );
    expect(await outbox()).toHaveLength(before);
  });
});

describe("mail from Bowout's own addresses, end to end", () => {
  /**
   * A draft Bowout sent, as a mail client would send it back: From Bowout, its own headers kept, or
   * dropped on the way (the loop header, and Auto-Submitted, which would stop it on its own).
   */
  async function bowoutDraft(options: { keepLoopHeader: boolean }): Promise<Buffer> {
    const [first] = await outbox();
    let raw = first?.raw ?? '';
    if (!options.keepLoopHeader)
      raw = raw.replace(/^X-Bowout-Loop:.*\r?\n/im, '').replace(/^Auto-Submitted:.*\r?\n/im, '');
    expect(/^Auto-Submitted:/im.test(raw)).toBe(options.keepLoopHeader);
    expect(/^X-Bowout-Loop:/im.test(raw)).toBe(options.keepLoopHeader);
    expect(raw).toMatch(/^From: .*send@bowout\.localhost/im);
    return Buffer.from(raw);
  }

  it.each([
    ['with the loop header', true],
    ['without the loop and Auto-Submitted headers', false],
  ])('drops a Bowout draft sent back to cancel@ %s: no case, no answer', async (_name, keepLoopHeader) => {
    const before = (await outbox()).length;
    const cases = (await casesOf(USER)).length;
    await smtp.sendMail({
      envelope: { from: 'send@bowout.localhost', to: [`cancel@${stack.settings.domain}`] },
      raw: await bowoutDraft({ keepLoopHeader }),
    });
    expect(await outbox()).toHaveLength(before);
    expect(await casesOf(USER)).toHaveLength(cases);
  });

  it.each([
    'send@bowout.localhost',
    'cancel@bowout.localhost',
    'reply+abcdefghijklmnopqrstuvwx@bowout.localhost',
  ])('records mail From %s, with no loop header and passing verdicts, as its own loop', async (from) => {
    const before = (await outbox()).length;
    const raw = Buffer.from(
      `From: Bowout <${from}>\r\nTo: cancel@${stack.settings.domain}\r\nSubject: Fwd: Interview\r\n` +
        'Content-Type: text/plain\r\n\r\nSEND\r\n',
    );
    const outcome = await ingestMail(stack.settings, raw, {
      from: 'alex.rivera@gmail.com',
      to: [`cancel@${stack.settings.domain}`],
      verdicts: { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', spam: 'PASS', virus: 'PASS' },
    });
    expect(JSON.stringify(outcome)).toContain('ignored-own-loop');
    expect(await outbox()).toHaveLength(before);
  });
});
