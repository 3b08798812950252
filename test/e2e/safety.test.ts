import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DateTime } from 'luxon';
import type { Email } from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSuppressionList } from '../../functions/adapters/dynamo-suppression-list.js';
import { userKey } from '../../functions/adapters/dynamo-table.js';
import { command as remindCommand } from '../../local/cli/remind.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/standins.js';
import { DISTINCT_WORDS, OUT_OF_OFFICE_PREFIXES, TERSE_INVITE, USER } from '../support/conversation.js';
import { fixture } from '../support/mail.js';
import { startTemporaryStack, type TemporaryStack } from '../support/temporary-stack.js';

/**
 * The rules that keep the conversation safe, each through the local stack over SMTP: automatic mail,
 * the answer budget, Bowout's own mail coming back, no relay, the settings by reply and FORGET, REMIND.
 * Every test has users of its own, so the budgets and limits of one never touch another.
 */

let temporary: TemporaryStack;
const DOMAIN = 'bowout.localhost';
const CANCEL = `cancel@${DOMAIN}`;
let users = 0;
const newUser = () => `user${++users}.${Date.now().toString(36)}@gmail.com`;

beforeAll(async () => {
  temporary = await startTemporaryStack({ name: 'safety' });
});
afterAll(async () => {
  await temporary?.stop();
});

interface Sent {
  file: string;
  raw: string;
  mail: Email;
}

/** Sends raw mail over SMTP from `from` to `to`, waits until the stack is idle; the mails it sent. */
async function exchange(raw: string | Buffer, from: string, to: string): Promise<Sent[]> {
  const before = new Set((await temporary.outbox()).map((m) => m.file));
  await temporary.smtp.sendMail({ envelope: { from, to: [to] }, raw });
  await temporary.idle();
  return (await temporary.outbox()).filter((m) => !before.has(m.file));
}

/** A plain mail a person (or a responder) writes. */
function plain(
  from: string,
  to: string,
  subject: string,
  body: string,
  headers: Record<string, string> = {},
) {
  const extra = Object.entries(headers)
    .map(([key, value]) => `${key}: ${value}\r\n`)
    .join('');
  return (
    `From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\nDate: ${new Date().toUTCString().replace('GMT', '-0800')}\r\n` +
    `Message-ID: <${Math.random().toString(36).slice(2)}@gmail.com>\r\n${extra}MIME-Version: 1.0\r\n` +
    `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}\r\n`
  );
}

/** The Gmail invite ten years ahead (the stack runs on the real clock), forwarded by `user`. */
function invite(user: string, transform: (text: string) => string = (t) => t): string {
  return transform(
    fixture('invites/gmail-inline.eml')
      .toString('utf8')
      .replaceAll('2026', '2036')
      .replaceAll('alex.rivera@gmail.com', user),
  );
}

let forwards = 0;
/** Forwards the invite from `user`, a different one each time: the same invite again would be a repeat. */
async function forward(user: string, transform: (text: string) => string = (t) => t) {
  const reference = `(reference ${++forwards})`;
  const raw = invite(user, (t) => transform(t).replace('Best,', `${reference}\n\nBest,`));
  const [draft] = await exchange(raw, user, CANCEL);
  const replyTo = draft?.mail.replyTo?.[0]?.address ?? '';
  expect(replyTo).toMatch(/^reply\+/);
  return { draft: draft as Sent, replyTo };
}

const reply = (user: string, to: string, body: string, headers: Record<string, string> = {}) =>
  exchange(plain(user, to, 'Re: Your cancellation draft', body, headers), user, to);

const subjects = (mails: Sent[]) => mails.map((m) => m.mail.subject);
const to = (mail: Sent) => (mail.mail.to ?? []).map((a) => a.address);

describe('automatic mail, end to end', () => {
  it.each(OUT_OF_OFFICE_PREFIXES.map((prefix) => `${prefix} Your cancellation draft`))(
    'gives "%s" no answer',
    async (subject) => {
      const user = newUser();
      const { replyTo } = await forward(user);
      expect(await exchange(plain(user, replyTo, subject, 'I am away until Monday.'), user, replyTo)).toEqual(
        [],
      );
    },
  );

  it.each<Record<string, string>>([
    { 'Auto-Submitted': 'auto-replied' },
    { 'Auto-Submitted': 'auto-generated' },
    { 'X-Autoreply': 'yes' },
    { 'X-Autorespond': 'on' },
    { 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
    { Precedence: 'auto_reply' },
    { Precedence: 'bulk' },
    { Precedence: 'junk' },
    { Precedence: 'list' },
    { 'List-Id': '<jobs.lists.example.com>' },
    { 'List-Unsubscribe': '<mailto:leave@lists.example.com>' },
  ])('gives mail with %o no answer', async (headers) => {
    const user = newUser();
    expect(await exchange(plain(user, CANCEL, 'Hello', 'Not an invite.', headers), user, CANCEL)).toEqual([]);
  });

  it('answers mail that says Auto-Submitted: no, as a person wrote it', async () => {
    const user = newUser();
    const answers = await exchange(
      plain(user, CANCEL, 'Hello', 'Not an invite.', { 'Auto-Submitted': 'no' }),
      user,
      CANCEL,
    );
    expect(subjects(answers)).toEqual(["I couldn't find an interview invite in this"]);
  });
});

describe('the answer budget, end to end', () => {
  it('answers thirty non-invites with five answers and one notice, and a repeated subject once', async () => {
    const user = newUser();
    const answers: Sent[] = [];
    for (const word of DISTINCT_WORDS)
      answers.push(
        ...(await exchange(plain(user, CANCEL, `Fwd: Newsletter ${word}`, 'Nothing to see.'), user, CANCEL)),
      );
    expect(subjects(answers)).toEqual([
      ...Array(5).fill("I couldn't find an interview invite in this"),
      "I'll stop answering for today",
    ]);

    const other = newUser();
    const repeated: Sent[] = [];
    for (let i = 0; i < 3; i++)
      repeated.push(
        ...(await exchange(plain(other, CANCEL, `Fwd: Weekly digest ${i}`, 'Digest.'), other, CANCEL)),
      );
    expect(subjects(repeated)).toEqual(["I couldn't find an interview invite in this"]);
  });

  it('stops a looping responder that answers every Bowout mail', async () => {
    const user = newUser();
    const { replyTo } = await forward(user);
    let address = replyTo;
    let subject = 'Re: Your cancellation draft';
    let answers = 0;
    for (let round = 0; round < 10; round++) {
      const [answer] = await exchange(
        plain(user, address, subject, 'Thank you for your email. I will reply soon.'),
        user,
        address,
      );
      if (!answer) break;
      answers += 1;
      address = answer.mail.replyTo?.[0]?.address ?? address;
      subject = `Re: ${answer.mail.subject}`;
    }
    expect(answers).toBeLessThanOrEqual(2);
  });
});

describe("Bowout's own mail forwarded back, end to end", () => {
  it('gets one short note and opens no case', async () => {
    const user = newUser();
    const { draft } = await forward(user);
    const body = [
      '---------- Forwarded message ---------',
      `From: Bowout <send@${DOMAIN}>`,
      `Subject: ${draft.mail.subject}`,
      `To: <${user}>`,
      '',
      draft.mail.text ?? '',
    ].join('\r\n');
    const answers = await exchange(plain(user, CANCEL, `Fwd: ${draft.mail.subject}`, body), user, CANCEL);
    expect(subjects(answers)).toEqual(["That is one of Bowout's own messages"]);
    const status = await reply(user, answers[0]?.mail.replyTo?.[0]?.address ?? '', 'STATUS');
    expect(status[0]?.mail.subject).toBe('Your open cases (1)');
  });
});

describe('no relay, end to end', () => {
  it('refuses an EDIT with an obfuscated link, and sends the employer only what the user saw', async () => {
    const user = newUser();
    const { replyTo } = await forward(user);
    const [refusal] = await reply(
      user,
      replyTo,
      'EDIT\nDear Priya, please confirm at hxxps://northwind-login[.]com',
    );
    expect(refusal?.mail.subject).toBe('Links cannot go into your letter');
    const sent = await reply(user, replyTo, 'SEND');
    const cancellation = sent.find((m) => to(m).includes('priya.natarajan@northwind-analytics.com'));
    expect(cancellation?.mail.text).not.toMatch(/northwind-login|hxxp/);
  });

  it('makes TO an address that was not in the forward wait for CONFIRM', async () => {
    const user = newUser();
    const { replyTo } = await forward(user);
    expect(subjects(await reply(user, replyTo, 'TO victim@elsewhere.example'))).toEqual([
      'Please confirm the new contact',
    ]);
    const confirmed = await reply(user, replyTo, 'CONFIRM');
    expect(confirmed[0]?.mail.text).toContain('victim@elsewhere.example');
    const sent = await reply(user, replyTo, 'SEND');
    expect(sent.some((m) => to(m).includes('victim@elsewhere.example'))).toBe(true);
  });

  it("allows a new user's first day three employer mails, and uses no display name with a link or an address", async () => {
    const user = newUser();
    const sends: string[] = [];
    const names = ['Alex at www.alex-prize.example', 'Alex (write to claims@prize.example)'];
    for (let i = 0; i < 4; i++) {
      const { replyTo } = await forward(user, (t) =>
        t.replace('From: Alex Rivera <', `From: "${names[i % 2]}" <`),
      );
      const mails = await reply(user, replyTo, 'SEND');
      sends.push(
        ...mails
          .filter((m) => to(m).includes('priya.natarajan@northwind-analytics.com'))
          .map((m) => m.mail.from?.name ?? ''),
      );
    }
    expect(sends).toHaveLength(3);
    for (const name of sends) expect(name).toBe(`${user.split('@')[0]} via Bowout`);
  });
});

describe('settings by reply to any Bowout mail, end to end', () => {
  it('takes ZONE from the note that answers no case; a +0000 forward uses the interview’s zone until then and says so', async () => {
    const user = newUser();
    const { draft } = await forward(user, (t) => t.replace(/Date: (.+) -0800/, 'Date: $1 +0000'));
    expect(draft.mail.text).toContain("I don't know your time zone yet");
    const [note] = await exchange(plain(user, CANCEL, 'Hello there', 'Hi'), user, CANCEL);
    const own = note?.mail.replyTo?.[0]?.address ?? '';
    expect(own).toMatch(/^reply\+/);
    expect(subjects(await reply(user, own, 'ZONE Los Angeles'))).toEqual(['Time zone set']);
    const { draft: next } = await forward(user, (t) => t.replace(/Date: (.+) -0800/, 'Date: $1 +0000'));
    expect(next.mail.text).not.toContain("I don't know your time zone yet");
    expect(next.mail.text).toContain('your time');
  });

  it('LANG sets the language of later letters whose invite names none, and rewrites a draft it is sent to', async () => {
    const user = newUser();
    const [note] = await exchange(plain(user, CANCEL, 'Hello there', 'Hi'), user, CANCEL);
    const own = note?.mail.replyTo?.[0]?.address ?? '';
    expect(subjects(await reply(user, own, 'LANG Deutsch'))).toEqual(['Letter language set']);
    const terse = TERSE_INVITE.replaceAll('2026', '2036').replaceAll(USER, user);
    const [german] = await exchange(terse, user, CANCEL);
    expect(german?.mail.text).toContain('The letter is in German');
    const { replyTo } = await forward(user);
    const [french] = await reply(user, replyTo, 'LANG fr');
    expect(french?.mail.subject).toMatch(/^Your updated cancellation draft/);
    expect(french?.mail.text).toContain('The letter is in French');
    const [next] = await exchange(
      // Another invite (another time): the same one forwarded again would be a repeat.
      terse.replace('Subject: Fwd: 8.12.', 'Subject: Fwd: 8.12. (2)').replace('14:00', '15:00'),
      user,
      CANCEL,
    );
    expect(next?.mail.text).toContain('The letter is in French');
  });

  it('NAME, STATUS and WHEN', async () => {
    const user = newUser();
    const { replyTo } = await forward(user);
    expect(subjects(await reply(user, replyTo, 'NAME Alex R.'))).toEqual(['Name set']);
    const [status] = await reply(user, replyTo, 'STATUS');
    expect(status?.mail.subject).toBe('Your open cases (1)');
    expect(status?.mail.text).toContain('Northwind Analytics, Senior Data Engineer');
    expect(status?.mail.text).toMatch(/Interview: Monday 8 December 2036, \d\d:\d\d/);
    expect(status?.mail.text).toContain('State: draft not sent yet');
    expect(status?.mail.text).toMatch(/Reply to: reply\+[a-z2-7]+@bowout\.localhost/);
    const [updated] = await reply(user, replyTo, 'WHEN Thursday 10 December 2036 3pm');
    expect(updated?.mail.text).toContain('The interview time is now Wednesday 10 December 2036, 15:00');
    expect(updated?.mail.text).toContain('Alex R.');
  });

  it('FORGET deletes every item of the user, keeps the suppression, and answers with what it deleted', async () => {
    const user = newUser();
    // An employer address of this test's own, which bounced: its suppression must outlive FORGET.
    const employer = `hr.${user.split('@')[0]}@northwind-analytics.com`;
    const { replyTo } = await forward(user, (t) =>
      t.replaceAll('priya.natarajan@northwind-analytics.com', employer),
    );
    await reply(user, replyTo, 'ZONE Berlin');
    const { stack } = temporary;
    const documents = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: stack.endpoints.dynamodb,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      }),
    );
    const suppressions = new DynamoSuppressionList({
      db: documents,
      tableName: stack.settings.tableName,
      clock: { now: () => new Date() },
    });
    await suppressions.suppress([
      { address: employer, reason: 'bounce', sesMessageId: 'bounce-1', reportedAt: new Date().toISOString() },
    ]);
    const [answer] = await reply(user, replyTo, 'FORGET');
    expect(answer?.mail.subject).toBe('Everything about you is deleted');
    expect(answer?.mail.text).toMatch(/1 case with their drafts/);
    expect(await suppressions.suppressedAmong([employer])).toEqual(new Set([employer]));

    const { Items = [] } = await documents.send(new ScanCommand({ TableName: stack.settings.tableName }));
    expect(JSON.stringify(Items)).not.toContain(user);
    expect(Items.filter((item) => String(item.pk) === `USER#${userKey(user)}`)).toEqual([]);
    const s3 = new S3Client({
      endpoint: stack.endpoints.s3,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      forcePathStyle: true,
    });
    const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: stack.settings.bucket }));
    for (const { Key } of Contents) {
      const object = await s3.send(new GetObjectCommand({ Bucket: stack.settings.bucket, Key }));
      expect(await object.Body?.transformToString()).not.toContain(user);
    }
    s3.destroy();
    documents.destroy();

    // The old reply address is dead: a SEND to it does nothing and gets no answer.
    expect(await reply(user, replyTo, 'SEND')).toEqual([]);
  });
});

describe('REMIND, end to end', () => {
  it('replaces the automatic reminder: one reminder, when the user asked', async () => {
    const user = newUser();
    const { replyTo } = await forward(user);
    expect(subjects(await reply(user, replyTo, 'REMIND 2 days'))).toEqual(['Reminder set']);
    const DAY = 86_400_000;
    for (const days of [1, 1.5, 2.2, 3]) {
      const out: string[] = [];
      const env = {
        BOWOUT_DATA_DIR: temporary.stack.dataDir,
        BOWOUT_HOST: temporary.stack.settings.host,
        BOWOUT_LAMBDA_PORT: String(temporary.stack.ports.lambda),
      };
      expect(
        await remindCommand.run(['--now', new Date(Date.now() + days * DAY).toISOString()], {
          env,
          cwd: process.cwd(),
          out: (l) => out.push(l),
          err: () => undefined,
        }),
      ).toBe(0);
    }
    const reminders = (await temporary.outbox()).filter(
      (m) => to(m).includes(user) && /^Reminder:/.test(m.mail.subject ?? ''),
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.mail.text).toContain('Here is the reminder you asked for');
    // A reminder is a Bowout mail like any other: it takes the settings and the user's data.
    const status = await reply(user, reminders[0]?.mail.replyTo?.[0]?.address ?? '', 'STATUS');
    expect(subjects(status)).toEqual(['Your open cases (1)']);
  });

  it('reads a weekday that is today as next week’s', async () => {
    const user = newUser();
    const { replyTo } = await forward(user);
    expect(subjects(await reply(user, replyTo, 'ZONE Europe/Berlin'))).toEqual(['Time zone set']);
    const today = DateTime.now().setZone('Europe/Berlin');
    const [answer] = await reply(user, replyTo, `REMIND ${today.toFormat('cccc')} 9am`);
    expect(answer?.mail.subject).toBe('Reminder set');
    const nextWeek = today.plus({ weeks: 1 }).toFormat("cccc d LLLL 'at' 09:00");
    expect(answer?.mail.text).toContain(`I'll remind you on ${nextWeek}`);
  });

  it('accepts a time past the interview, with a warning in the answer', async () => {
    const user = newUser();
    const { replyTo } = await forward(user);
    const [answer] = await reply(user, replyTo, 'REMIND 15 December 2036 9am');
    expect(answer?.mail.subject).toBe('Reminder set');
    expect(answer?.mail.text).toContain("I'll remind you on Monday 15 December at 09:00");
    expect(answer?.mail.text).toContain('Note that this is after your interview');
  });
});
