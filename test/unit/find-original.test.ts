import { describe, expect, it } from 'vitest';
import { UnreadableMailError } from '../../functions/domain/errors.js';
import { findOriginal } from '../../functions/domain/invite/find-original.js';
import { isoString, parseForwardedDate, plainLetters } from '../../functions/domain/invite/forward-date.js';
import {
  cleanDisplayName,
  cleanedDisplayName,
  readMailbox,
} from '../../functions/domain/invite/forward-mailbox.js';
import { type ParsedMail, parseMail } from '../../functions/domain/mail/parse-mail.js';

const USER = 'Sam Taylor <sam.taylor@gmail.com>';

/** A forward as the user's client sends it: Pacific time, UTF-8, quoted-printable-free 8bit body. */
async function forward(body: string, options: { html?: boolean; subject?: string; from?: string } = {}) {
  const raw = [
    `From: ${options.from ?? USER}`,
    'To: cancel@bowout.localhost',
    `Subject: ${options.subject ?? 'Fwd: Interview'}`,
    'Date: Tue, 1 Dec 2026 09:15:00 -0800',
    'Message-ID: <fwd-1@mail.gmail.com>',
    'MIME-Version: 1.0',
    `Content-Type: text/${options.html ? 'html' : 'plain'}; charset=utf-8`,
    'Content-Transfer-Encoding: 8bit',
    '',
    body.replace(/\r?\n/g, '\r\n'),
  ].join('\r\n');
  return parseMail(raw);
}

function sender(mail: ParsedMail) {
  const original = findOriginal(mail);
  return { via: original.via, address: original.from?.address ?? null, name: original.from?.name ?? null };
}

const INVITE = 'Hi Sam,\n\nWe would like to invite you to an interview tomorrow at 3pm.\n\nBest,\nPriya';

describe('findOriginal reads inline forwards from every client family', () => {
  it('reads a Gmail forward: sender, subject, date in the forward’s zone, note and body apart', async () => {
    const mail = await forward(
      'Please cancel this one, I accepted another offer.\n\n' +
        '---------- Forwarded message ---------\n' +
        'From: Priya Natarajan <priya.natarajan@northwind.com>\n' +
        'Date: Mon, Nov 30, 2026 at 4:02 PM\n' +
        'Subject: Interview for Senior Data Engineer\n' +
        'To: Sam Taylor <sam.taylor@gmail.com>\n\n\n' +
        INVITE,
    );
    const original = findOriginal(mail);
    expect(original.via).toBe('inline');
    expect(original.from).toEqual({ name: 'Priya Natarajan', address: 'priya.natarajan@northwind.com' });
    expect(original.subject).toBe('Interview for Senior Data Engineer');
    // 4:02 PM with no zone stated: read in the forward's own offset (-08:00).
    expect(original.date).toBe('2026-12-01T00:02:00.000Z');
    expect(original.dateOffsetMinutes).toBe(-480);
    expect(original.note).toBe('Please cancel this one, I accepted another offer.');
    expect(original.body.startsWith('Hi Sam,')).toBe(true);
    expect(original.body).not.toContain('From:');
  });

  it('reads an Outlook desktop "-----Original Message-----" block with a [mailto:] bracket', async () => {
    const mail = await forward(
      'Not going ahead with this.\n\n-----Original Message-----\n' +
        'From: Okafor, Daniel [mailto:daniel.okafor@brightlane.co.uk]\n' +
        'Sent: Monday, November 30, 2026 4:02 PM\n' +
        'To: Sam Taylor\n' +
        'Subject: Interview invitation - Product Designer\n\n' +
        INVITE,
      { subject: 'FW: Interview invitation - Product Designer' },
    );
    const original = findOriginal(mail);
    expect(original.from).toEqual({ name: 'Okafor, Daniel', address: 'daniel.okafor@brightlane.co.uk' });
    expect(original.subject).toBe('Interview invitation - Product Designer');
    expect(original.date).toBe('2026-12-01T00:02:00.000Z');
    expect(original.note).toBe('Not going ahead with this.');
  });

  it('reads an Outlook web / new Outlook block under its line of underscores', async () => {
    const mail = await forward(
      'Cancel please\n\n________________________________\n' +
        'From: Grace Whitfield <grace.whitfield@cobaltpeak.com>\n' +
        'Sent: Monday, 30 November 2026 16:02\n' +
        'To: Sam Taylor <sam.taylor@gmail.com>\n' +
        'Cc: Recruiting <recruiting@cobaltpeak.com>\n' +
        'Subject: Interview loop\n\n' +
        INVITE,
    );
    const original = findOriginal(mail);
    expect(sender(mail)).toEqual({
      via: 'inline',
      address: 'grace.whitfield@cobaltpeak.com',
      name: 'Grace Whitfield',
    });
    expect(original.note).toBe('Cancel please');
    expect(original.date).toBe('2026-12-01T00:02:00.000Z');
  });

  it('reads an Apple Mail "Begin forwarded message:" block and unquotes its body', async () => {
    const mail = await forward(
      '\n\nBegin forwarded message:\n\n' +
        '> From: "Charlotte Hughes" <charlotte.hughes@fernleaf.co.uk>\n' +
        '> Subject: Interview – Senior UX Designer\n' +
        '> Date: 30 November 2026 at 16:02:11 GMT\n' +
        '> To: Sam Taylor <sam.taylor@gmail.com>\n' +
        '> \n' +
        '> Hi Sam,\n> See you tomorrow at 3pm.\n',
    );
    const original = findOriginal(mail);
    expect(original.from).toEqual({ name: 'Charlotte Hughes', address: 'charlotte.hughes@fernleaf.co.uk' });
    expect(original.date).toBe('2026-11-30T16:02:11.000Z');
    expect(original.dateOffsetMinutes).toBe(0);
    expect(original.body).toBe('Hi Sam,\nSee you tomorrow at 3pm.\n');
    expect(original.note).toBe('');
  });

  it('reads a Thunderbird "-------- Forwarded Message --------" block with tab-aligned fields', async () => {
    const mail = await forward(
      '-------- Forwarded Message --------\n' +
        'Subject: \tInterview invitation: Graduate Data Analyst\n' +
        'Date: \tMon, 30 Nov 2026 16:02:55 +0100\n' +
        'From: \tFiona McLeod <fiona.mcleod@halden.co.uk>\n' +
        'To: \tSam Taylor <sam.taylor@gmail.com>\n\n' +
        INVITE,
    );
    const original = findOriginal(mail);
    expect(sender(mail).address).toBe('fiona.mcleod@halden.co.uk');
    expect(original.subject).toBe('Interview invitation: Graduate Data Analyst');
    expect(original.date).toBe('2026-11-30T15:02:55.000Z');
    expect(original.dateOffsetMinutes).toBe(60);
  });

  it('reads a Yahoo "----- Forwarded Message -----" block whose fields are glued on one line', async () => {
    const mail = await forward(
      'please cancel\n\n   ----- Forwarded Message ----- From: Irina Kovalenko <irina@tessera-labs.com>To: ' +
        '"sam.taylor@gmail.com" <sam.taylor@gmail.com>Sent: Monday, November 30, 2026, 04:02:12 PM GMT+2' +
        'Subject: Interview: Senior QA Engineer\n Hi Sam,\n\nSee you on Monday.',
    );
    const original = findOriginal(mail);
    expect(original.from).toEqual({ name: 'Irina Kovalenko', address: 'irina@tessera-labs.com' });
    expect(original.subject).toBe('Interview: Senior QA Engineer');
    expect(original.date).toBe('2026-11-30T14:02:12.000Z');
    expect(original.dateOffsetMinutes).toBe(120);
    expect(original.note).toBe('please cancel');
  });

  it('reads a German Outlook block ("Von", "Gesendet", "Betreff")', async () => {
    const mail = await forward(
      '-----Ursprüngliche Nachricht-----\n' +
        'Von: Jens Hartmann <jens.hartmann@solvia-energie.de>\n' +
        'Gesendet: Montag, 30. November 2026 16:02\n' +
        'An: Sam Taylor <sam.taylor@gmail.com>\n' +
        'Betreff: Ihr Vorstellungsgespräch\n\n' +
        'Hallo Sam,',
      { subject: 'WG: Ihr Vorstellungsgespräch' },
    );
    const original = findOriginal(mail);
    expect(original.from?.address).toBe('jens.hartmann@solvia-energie.de');
    expect(original.subject).toBe('Ihr Vorstellungsgespräch');
    expect(original.date).toBe('2026-12-01T00:02:00.000Z');
  });

  it('reads a German Gmail date line ("Mo., 30. Nov. 2026 um 16:02 Uhr")', async () => {
    const mail = await forward(
      '---------- Weitergeleitete Nachricht ---------\n' +
        'Von: Katrin Vogel <k.vogel@kessler-maschinenbau.de>\n' +
        'Date: Mo., 30. Nov. 2026 um 16:02 Uhr\n' +
        'Subject: Einladung zum Vorstellungsgespräch\n' +
        'To: <sam.taylor@gmail.com>\n\nHallo Sam,',
    );
    const original = findOriginal(mail);
    expect(original.from).toEqual({ name: 'Katrin Vogel', address: 'k.vogel@kessler-maschinenbau.de' });
    expect(original.date).toBe('2026-12-01T00:02:00.000Z');
  });

  it('reads a French Outlook block ("De :", "Envoyé :", "Objet :") with spaces before the colons', async () => {
    const mail = await forward(
      'Je ne souhaite plus y aller.\n\n-----Message d’origine-----\n' +
        'De : Thomas Lefèvre <thomas.lefevre@atelier-verdure.fr>\n' +
        'Envoyé : lundi 30 novembre 2026 16:02\n' +
        'À : Sam Taylor <sam.taylor@gmail.com>\n' +
        'Objet : Entretien – Chargée de marketing digital\n\nBonjour Sam,',
      { subject: 'TR: Entretien' },
    );
    const original = findOriginal(mail);
    expect(original.from).toEqual({ name: 'Thomas Lefèvre', address: 'thomas.lefevre@atelier-verdure.fr' });
    expect(original.subject).toBe('Entretien – Chargée de marketing digital');
    expect(original.date).toBe('2026-12-01T00:02:00.000Z');
    expect(original.note).toBe('Je ne souhaite plus y aller.');
  });

  it('reads a Spanish Outlook block ("De:", "Enviado el:", "Asunto:")', async () => {
    const mail = await forward(
      '-----Mensaje original-----\n' +
        'De: Carmen Ruiz <carmen.ruiz@solana-digital.es>\n' +
        'Enviado el: lunes, 30 de noviembre de 2026 16:02\n' +
        'Para: Sam Taylor <sam.taylor@gmail.com>\n' +
        'Asunto: Entrevista – Desarrollador Full Stack\n\nHola Sam,',
      { subject: 'RV: Entrevista' },
    );
    const original = findOriginal(mail);
    expect(original.from?.address).toBe('carmen.ruiz@solana-digital.es');
    expect(original.subject).toBe('Entrevista – Desarrollador Full Stack');
    expect(original.date).toBe('2026-12-01T00:02:00.000Z');
  });

  it('falls back to email-forward-parser for Outlook’s "On …, "Name" <address> wrote:" line', async () => {
    const mail = await forward(
      'Am 30/11/2026, 16:02 schrieb "Anna Schmidt" <anna.schmidt@hallberg.de>:\n\n    Hallo Sam,\n    bis morgen.',
      { subject: 'WG: Vorstellungsgespräch' },
    );
    const original = findOriginal(mail);
    expect(original.via).toBe('inline');
    expect(original.from).toEqual({ name: 'Anna Schmidt', address: 'anna.schmidt@hallberg.de' });
    expect(original.date).toBe('2026-12-01T00:02:00.000Z');
  });

  it('takes the first forwarded sender when forwards are nested', async () => {
    const mail = await forward(
      'cancel\n\n---------- Forwarded message ---------\nFrom: Recruiter <recruiter@agency.com>\n' +
        'Date: Mon, Nov 30, 2026 at 4:02 PM\nSubject: Fwd: Interview\nTo: <sam.taylor@gmail.com>\n\n' +
        'See below.\n\n---------- Forwarded message ---------\nFrom: Hiring Manager <hm@northwind.com>\n' +
        'Date: Mon, Nov 30, 2026 at 1:00 PM\nSubject: Interview\nTo: <recruiter@agency.com>\n\n' +
        INVITE,
    );
    expect(sender(mail).address).toBe('recruiter@agency.com');
  });

  it('looks through the user forwarding their own mail (work account to private account) to the invite', async () => {
    const mail = await forward(
      'please cancel\n\n---------- Forwarded message ---------\nFrom: Sam Taylor <sam.taylor@work-corp.com>\n' +
        'Date: Mon, Nov 30, 2026 at 5:00 PM\nSubject: Fwd: Interview\nTo: <sam.taylor@gmail.com>\n\n\n' +
        '---------- Forwarded message ---------\nFrom: Priya Natarajan <priya@northwind.com>\n' +
        'Date: Mon, Nov 30, 2026 at 4:02 PM\nSubject: Interview\nTo: Sam Taylor <sam.taylor@work-corp.com>\n\n' +
        INVITE,
    );
    const original = findOriginal(mail);
    expect(original.from).toEqual({ name: 'Priya Natarajan', address: 'priya@northwind.com' });
    expect(original.subject).toBe('Interview');
    expect(original.note).toBe('please cancel');
    expect(original.body.startsWith('Hi Sam,')).toBe(true);
  });

  it('keeps the Reply-To a forwarded block names', async () => {
    const mail = await forward(
      'Begin forwarded message:\n\nFrom: Hannah Cole (via Greenhouse) <no-reply@greenhouse.io>\n' +
        'Subject: Interview\nDate: 30 November 2026 at 16:02:11 PST\nTo: sam.taylor@gmail.com\n' +
        'Reply-To: Hannah Cole <hannah.cole@fabrikam.com>\n\n' +
        INVITE,
    );
    const original = findOriginal(mail);
    expect(original.replyTo).toEqual([{ name: 'Hannah Cole', address: 'hannah.cole@fabrikam.com' }]);
    expect(original.date).toBe('2026-12-01T00:02:11.000Z');
    expect(original.dateOffsetMinutes).toBe(-480);
  });

  it('finds the address of a sender printed by name only in the signature, and guesses none otherwise', async () => {
    const block =
      '-----Original Message-----\nFrom: Okafor, Daniel\nSent: Monday, November 30, 2026 4:02 PM\n' +
      'To: Sam Taylor\nSubject: Interview invitation\n\nHi Sam,\nSee you tomorrow.\n\n';
    const signed = await forward(`${block}Daniel Okafor | Brightlane\ndaniel.okafor@brightlane.co.uk`);
    expect(findOriginal(signed).from).toEqual({
      name: 'Okafor, Daniel',
      address: 'daniel.okafor@brightlane.co.uk',
    });
    const unsigned = await forward(`${block}Questions? careers@brightlane.co.uk`);
    expect(findOriginal(unsigned).from).toBeNull();
    expect(findOriginal(unsigned).via).toBe('inline');
  });

  it('says there is no forward when colons in prose only look like headers', async () => {
    const mail = await forward('Slots for Friday\nFrom: 10am\nTo: 11am\n\nThanks', { subject: 'Slots' });
    expect(findOriginal(mail).via).toBe('none');
  });
});

describe('findOriginal reads the forward labels of Chinese, Japanese, Korean and other clients', () => {
  const BLOCKS: [string, string][] = [
    [
      'Outlook zh-TW',
      '寄件者: 黃雅婷 <yating@example.com.tw>\n寄件日期: 2026年11月30日 星期一 下午 2:02\n收件者: 林志明 <sam.taylor@gmail.com>\n副本: 陳經理 <chen@example.com.tw>\n主旨: 面試通知',
    ],
    [
      'Outlook zh-CN',
      '发件人: 孙磊 <sunlei@example.cn>\n发送时间: 2026年11月30日 15:08\n收件人: 周雨桐 <sam.taylor@gmail.com>\n抄送: hr@example.cn\n主题: 面试通知',
    ],
    [
      'Apple Mail zh-TW',
      '寄件者：吳佩珊 <peishan@example.com.tw>\n主旨：面試邀請\n日期：2026年11月30日 上午10:25:12 [GMT+8]\n收件者：張家豪 <sam.taylor@gmail.com>',
    ],
    [
      'Outlook ja',
      '差出人: 佐藤 美咲 <m.sato@example.co.jp>\n送信日時: 2026年11月30日 10:14\n宛先: 山本 健太 <sam.taylor@gmail.com>\n件名: 面接日程のご案内',
    ],
    [
      'Outlook ko',
      '보낸 사람: 김민준 <minjun.kim@example.co.kr>\n보낸 날짜: 2026년 11월 30일 월요일 오후 2:02\n받는 사람: 이서연 <sam.taylor@gmail.com>\n참조: hr@example.co.kr\n제목: 면접 안내',
    ],
    [
      'Gmail ko',
      '보낸사람: 김민준 <minjun.kim@example.co.kr>\n날짜: 2026년 11월 30일 (월) 오후 2:02\n제목: 면접 안내\n받는사람: <sam.taylor@gmail.com>',
    ],
    [
      'Outlook tr',
      'Kimden: Ayşe Demir <ayse.demir@example.com.tr>\nGönderildi: 30 Kasım 2026 Pazartesi 14:02\nKime: Sam Taylor <sam.taylor@gmail.com>\nKonu: Mülakat daveti',
    ],
    [
      'Outlook el',
      'Από: Νίκος Παππάς <nikos@example.gr>\nΑποστολή: Δευτέρα, 30 Νοεμβρίου 2026 2:02 μμ\nΠρος: Sam Taylor <sam.taylor@gmail.com>\nΘέμα: Συνέντευξη',
    ],
  ];
  for (const [client, block] of BLOCKS) {
    it(`reads the ${client} block and its sender, with the user's note apart`, async () => {
      const mail = await forward(`Please cancel this interview.\n\n${block}\n\n${INVITE}`);
      const original = findOriginal(mail);
      expect(original.via).toBe('inline');
      expect(original.from?.address).toMatch(/@example\./);
      expect(original.note).toBe('Please cancel this interview.');
      expect(original.body.trim().startsWith('Hi Sam,')).toBe(true);
    });
  }

  it('keeps a reply line that names its writer without an address as the original, with no address made up', async () => {
    const mail = await forward(
      `Please cancel this.\n\nAm 22.02.27 um 14:05 schrieb Ulrike Brandl:\n> ${INVITE.replace(/\n/g, '\n> ')}`,
      { subject: 'AW: Ihre Bewerbung' },
    );
    const original = findOriginal(mail);
    expect(original.via).toBe('reply');
    expect(original.from).toBeNull();
    expect(original.fromName).toBe('Ulrike Brandl');
  });

  it('never takes the user for the author of a name-only reply line', async () => {
    const mail = await forward(`Cancel please.\n\nOn 30/11/2026 14:05, Sam Taylor wrote:\n> See you then.`, {
      subject: 'Re: Interview',
    });
    expect(findOriginal(mail).fromName ?? null).toBeNull();
  });

  it('strips Chinese and Korean forward and reply prefixes from the subject', async () => {
    const mail = await forward(`Please cancel.\n\n${INVITE}`, { subject: '轉寄: 回覆: 面試通知' });
    expect(findOriginal(mail).subject).toBe('面試通知');
  });
});

describe('findOriginal reads replies and threads', () => {
  const RECRUITER_REPLY =
    '> Hi Sam,\n>\n> See you on Tuesday, December 8 at 2pm ET.\n>\n> Best,\n> Priya\n>\n' +
    '>> On Mon, Nov 30, 2026 at 9:00 AM Sam Taylor <sam.taylor@gmail.com> wrote:\n>>\n>> Tuesday works for me.\n';

  it('reads a reply: the quoted author is the original sender, the words above are the note', async () => {
    const mail = await forward(
      `please cancel this one\n\nOn Mon, Nov 30, 2026 at 4:02 PM Priya Natarajan <priya@northwind.com> wrote:\n\n${RECRUITER_REPLY}`,
      { subject: 'Re: Interview' },
    );
    const original = findOriginal(mail);
    expect(original.via).toBe('reply');
    expect(original.from).toEqual({ name: 'Priya Natarajan', address: 'priya@northwind.com' });
    expect(original.subject).toBe('Interview');
    expect(original.note).toBe('please cancel this one');
    expect(original.date).toBe('2026-12-01T00:02:00.000Z');
    expect(original.body.startsWith('Hi Sam,')).toBe(true);
  });

  it('threads a reply to the message it answers: In-Reply-To is the original’s Message-ID', async () => {
    const raw = [
      `From: ${USER}`,
      'To: cancel@bowout.localhost',
      'Subject: Re: Interview',
      'Date: Tue, 1 Dec 2026 09:15:00 -0800',
      'In-Reply-To: <invite-7@northwind.com>',
      'References: <apply-1@northwind.com> <invite-7@northwind.com>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'cancel please',
      '',
      'On Mon, Nov 30, 2026 at 4:02 PM Priya Natarajan <priya@northwind.com> wrote:',
      '> See you on Tuesday.',
    ].join('\r\n');
    const original = findOriginal(await parseMail(raw));
    expect(original.messageId).toBe('<invite-7@northwind.com>');
    expect(original.references).toEqual(['<apply-1@northwind.com>', '<invite-7@northwind.com>']);
  });

  it('keeps every message of the thread, newest first, and marks the user’s own', async () => {
    const mail = await forward(
      `cancel\n\nOn Mon, Nov 30, 2026 at 4:02 PM Priya Natarajan <priya@northwind.com> wrote:\n\n${RECRUITER_REPLY}`,
      { subject: 'Re: Interview' },
    );
    const thread = findOriginal(mail).thread ?? [];
    expect(thread.map((m) => [m.from?.address, m.byUser, m.original])).toEqual([
      ['priya@northwind.com', false, true],
      ['sam.taylor@gmail.com', true, false],
    ]);
    expect(thread[0]?.text).toContain('December 8 at 2pm ET');
    expect(thread[0]?.text).not.toContain('Tuesday works for me');
    expect(thread[1]?.text).toBe('Tuesday works for me.');
  });

  it('reads through a forwarded thread the user answered last to the employer’s latest message', async () => {
    const mail = await forward(
      'please cancel\n\n---------- Forwarded message ---------\nFrom: Sam Taylor <sam.taylor@gmail.com>\n' +
        'Date: Tue, Dec 1, 2026 at 8:00 AM\nSubject: Re: Interview\nTo: Priya Natarajan <priya@northwind.com>\n\n' +
        'Tuesday works.\n\nOn Mon, Nov 30, 2026 at 4:02 PM Priya Natarajan <priya@northwind.com> wrote:\n\n' +
        '> Hi Sam, are you free on Tuesday at 2pm ET?\n',
    );
    const original = findOriginal(mail);
    expect(original.from).toEqual({ name: 'Priya Natarajan', address: 'priya@northwind.com' });
    expect(original.subject).toBe('Interview');
  });

  it('never reads Bowout’s own mail in a thread as the employer’s', async () => {
    const mail = await forward(
      'hm\n\nOn Tue, Dec 1, 2026 at 8:00 AM Bowout <send@bowout.localhost> wrote:\n> Your draft\n>\n' +
        '>> On Mon, Nov 30, 2026 at 4:02 PM Priya Natarajan <priya@northwind.com> wrote:\n>> See you Tuesday.\n',
      { subject: 'Re: Your cancellation draft' },
    );
    const original = findOriginal(mail, { ownDomain: 'bowout.localhost' });
    expect(original.from?.address).toBe('priya@northwind.com');
  });
});

describe('findOriginal reads the sender’s mailbox in every printed shape', () => {
  const shapes: [string, { name: string | null; address: string | null }][] = [
    ['John Doe <john.doe@acme.com>', { name: 'John Doe', address: 'john.doe@acme.com' }],
    [
      'John Doe <john.doe@acme.com<mailto:john.doe@acme.com>>',
      { name: 'John Doe', address: 'john.doe@acme.com' },
    ],
    ['John Doe [mailto:john.doe@acme.com]', { name: 'John Doe', address: 'john.doe@acme.com' }],
    ['John Doe [john.doe@acme.com]', { name: 'John Doe', address: 'john.doe@acme.com' }],
    ['"John Doe" <john.doe@acme.com>', { name: 'John Doe', address: 'john.doe@acme.com' }],
    [`"'John Doe'" <john.doe@acme.com>`, { name: 'John Doe', address: 'john.doe@acme.com' }],
    ['"Doe, John" <John.Doe@ACME.com>', { name: 'Doe, John', address: 'john.doe@acme.com' }],
    ['<john.doe@acme.com>', { name: null, address: 'john.doe@acme.com' }],
    ['*John Doe* <john.doe@acme.com>', { name: 'John Doe', address: 'john.doe@acme.com' }],
    ['john.doe@acme.com <mailto:john.doe@acme.com>', { name: null, address: 'john.doe@acme.com' }],
    ['john.doe@acme.com (John Doe)', { name: 'John Doe', address: 'john.doe@acme.com' }],
    ['mailto:john.doe@acme.com', { name: null, address: 'john.doe@acme.com' }],
    [
      'John Doe<mailto:john.doe@acme.com> <john.doe@acme.com<mailto:john.doe@acme.com>> on behalf of x@acme.com',
      { name: 'John Doe', address: 'john.doe@acme.com' },
    ],
    ['John Doe', { name: 'John Doe', address: null }],
    // An encoded word hiding an "@" is a trick, not a mailbox: no address is invented from it.
    ['Eve <=?utf-8?q?=40attacker.com?=@example.com>', { name: 'Eve', address: null }],
  ];

  it.each(shapes)('reads %s', (printed, expected) => {
    expect(readMailbox(printed)).toEqual(expected);
  });

  it('cleans a display name of plain words as every cleaning step would', () => {
    const words = [
      'Jane',
      'Doe',
      'ZOË',
      'Lévy-Roux',
      'J.',
      'de',
      'O’Neil',
      "D'Arcy",
      '陈小姐',
      'Мария',
      'Jr.',
      'x@y.z',
      '-',
    ];
    const marks = ['', ' ', '  ', '\t', '\u00a0', ',', ':', '"', '*', '(', ')', '<>', '_', '‘', '.'];
    const names: string[] = [];
    for (const first of words)
      for (const second of words)
        for (const mark of marks) names.push(`${first} ${second}`, `${mark}${first}${mark}${second}${mark}`);
    names.push('', ' ', 'jane doe', 'Jane  Doe', ` ${'Jane '.repeat(60)}`);
    for (const name of names)
      for (const address of [null, 'jane doe', 'jane.doe@acme.com'])
        expect(cleanDisplayName(name, address), JSON.stringify(name)).toBe(cleanedDisplayName(name, address));
  });

  it('never takes an address hidden in an encoded word, even from a whole forward', async () => {
    const mail = await forward(
      '---------- Forwarded message ---------\nFrom: Eve <=?utf-8?q?=40attacker.com?=@example.com>\n' +
        'Date: Mon, Nov 30, 2026 at 4:02 PM\nSubject: Interview\nTo: <sam.taylor@gmail.com>\n\nHi',
    );
    expect(findOriginal(mail).from).toBeNull();
  });
});

describe('findOriginal reads HTML-only forwards as web and phone apps send them', () => {
  it('reads Gmail’s HTML with its gmail_quote wrapper and mailto links', async () => {
    const mail = await forward(
      '<div dir="ltr">Please cancel<br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">' +
        '---------- Forwarded message ---------<br>From: <strong class="gmail_sendername" dir="auto">Priya Natarajan' +
        '</strong> <span dir="auto">&lt;<a href="mailto:priya@northwind.com">priya@northwind.com</a>&gt;</span><br>' +
        'Date: Mon, Nov 30, 2026 at 4:02 PM<br>Subject: Interview for Senior Data Engineer<br>To: &lt;<a href=' +
        '"mailto:sam.taylor@gmail.com">sam.taylor@gmail.com</a>&gt;<br></div><br><br><div dir="ltr">Hi Sam,<div>' +
        '<br></div><div>See you tomorrow at 3pm.</div></div></div></div>',
      { html: true },
    );
    const original = findOriginal(mail);
    expect(original.from).toEqual({ name: 'Priya Natarajan', address: 'priya@northwind.com' });
    expect(original.subject).toBe('Interview for Senior Data Engineer');
    expect(original.date).toBe('2026-12-01T00:02:00.000Z');
    expect(original.note).toBe('Please cancel');
    expect(original.body).toBe('Hi Sam,\n\nSee you tomorrow at 3pm.');
  });

  it('reads Outlook desktop HTML: bold labels, &lt;address&gt;, <o:p> and a border instead of a rule', async () => {
    const mail = await forward(
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head>' +
        '<body><div class=WordSection1><p class=MsoNormal>Cancel please<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;' +
        '</o:p></p><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in"><p class=MsoNormal>' +
        '<b>From:</b> Okafor, Daniel &lt;daniel.okafor@brightlane.co.uk&gt; <br><b>Sent:</b> Monday, November 30, ' +
        '2026\r\n4:02 PM<br><b>To:</b> Sam Taylor &lt;sam.taylor@gmail.com&gt;<br><b>Subject:</b> Interview invitation' +
        '<o:p></o:p></p></div><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Hi Sam,<o:p></o:p></p></div>' +
        '</body></html>',
      { html: true },
    );
    const original = findOriginal(mail);
    expect(original.from).toEqual({ name: 'Okafor, Daniel', address: 'daniel.okafor@brightlane.co.uk' });
    expect(original.date).toBe('2026-12-01T00:02:00.000Z');
    expect(original.note).toBe('Cancel please');
  });

  it('reads Outlook web HTML where the sender’s address is only in the mailto link', async () => {
    const mail = await forward(
      '<div>cancel</div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr">' +
        '<font face="Calibri"><b>From:</b> <a href="mailto:grace.whitfield@cobaltpeak.com">Grace Whitfield</a><br>' +
        '<b>Sent:</b> Monday, November 30, 2026 4:02 PM<br><b>To:</b> Sam Taylor<br><b>Subject:</b> Interview loop' +
        '</font><div>&nbsp;</div></div><div>Hi Sam,</div>',
      { html: true },
    );
    const original = findOriginal(mail);
    expect(original.from).toEqual({ name: 'Grace Whitfield', address: 'grace.whitfield@cobaltpeak.com' });
    expect(original.note).toBe('cancel');
  });

  it('reads French Outlook HTML with named entities in its labels ("Envoy&eacute;&nbsp;:")', async () => {
    const mail = await forward(
      '<p>Annulez svp</p><p><b>De&nbsp;:</b> Thomas Lef&egrave;vre &lt;thomas.lefevre@verdure.fr&gt;<br>' +
        '<b>Envoy&eacute;&nbsp;:</b> lundi 30 novembre 2026 16:02<br><b>&Agrave;&nbsp;:</b> Sam<br>' +
        '<b>Objet&nbsp;:</b> Entretien</p><p>Bonjour Sam,</p>',
      { html: true },
    );
    const original = findOriginal(mail);
    expect(original.from).toEqual({ name: 'Thomas Lefèvre', address: 'thomas.lefevre@verdure.fr' });
    expect(original.subject).toBe('Entretien');
    expect(original.date).toBe('2026-12-01T00:02:00.000Z');
  });
});

describe('the forwarded date line, in the languages clients write it', () => {
  const fallback = { fallbackOffsetMinutes: -480, notAfter: '2026-12-01T18:00:00.000Z' };
  const lines: [string, string][] = [
    ['Mon, Nov 30, 2026 at 4:02 PM', '2026-12-01T00:02:00.000Z'],
    ['30 November 2026 16:02', '2026-12-01T00:02:00.000Z'],
    ['Montag, 30. November 2026 um 16:02', '2026-12-01T00:02:00.000Z'],
    ['lundi 30 novembre 2026 16:02', '2026-12-01T00:02:00.000Z'],
    ['lunes, 30 de noviembre de 2026, 16:02', '2026-12-01T00:02:00.000Z'],
    ['30/11/2026 16:02', '2026-12-01T00:02:00.000Z'],
    ['30.11.2026 16:02', '2026-12-01T00:02:00.000Z'],
    ['2026-11-30 16:02', '2026-12-01T00:02:00.000Z'],
    ['2026-11-30T16:02:00Z', '2026-11-30T16:02:00.000Z'],
    ['Mon, 30 Nov 2026 16:02:00 +0100', '2026-11-30T15:02:00.000Z'],
    ['30 novembre 2026 à 16:02:00 UTC+1', '2026-11-30T15:02:00.000Z'],
    ['Montag, 30. November 2026, 16:02:44 MEZ', '2026-11-30T15:02:44.000Z'],
    ['mar, 3 mar 2026 16h02', '2026-03-04T00:02:00.000Z'],
    ['30 листопада 2026 р. о 16:02', '2026-12-01T00:02:00.000Z'],
    ['2026年11月30日 16:02', '2026-12-01T00:02:00.000Z'],
  ];

  it.each(lines)('reads "%s"', (line, iso) => {
    expect(parseForwardedDate(line, fallback)?.iso).toBe(iso);
  });

  it('reads an ambiguous numeric date month first only from a 12-hour (US) writer', () => {
    const later = { fallbackOffsetMinutes: -480, notAfter: '2026-12-20T00:00:00.000Z' };
    expect(parseForwardedDate('11/12/2026 4:02 PM', later)?.iso).toBe('2026-11-13T00:02:00.000Z');
    expect(parseForwardedDate('11/12/2026 16:02', later)?.iso).toBe('2026-12-12T00:02:00.000Z');
  });

  it('prefers the reading that is not after the forward itself', () => {
    // 12/11 day-first is 12 November; month-first would be 11 December, after the forward of 1 December.
    expect(parseForwardedDate('12/11/2026 4:02 PM', fallback)?.iso).toBe('2026-11-13T00:02:00.000Z');
  });

  it('gives nothing rather than a guess for a line without a date', () => {
    expect(parseForwardedDate('sometime next week', fallback)).toBeNull();
    expect(parseForwardedDate('31/02/2026 10:00', fallback)).toBeNull();
  });

  it('reads a line with runs of white space, or spaces around it, as the same line with single spaces', () => {
    const single = parseForwardedDate('Mon, Nov 30, 2026 at 4:02 PM', fallback);
    expect(parseForwardedDate('  Mon,\tNov 30,\u00a0 2026  at 4:02 PM\n', fallback)).toEqual(single);
  });

  it('tells words of the letters A to Z alone as /^[A-Za-z]*$/ does, by character code', () => {
    const plain = /^[A-Za-z]*$/;
    const words = [
      '',
      'Nov',
      'NOVEMBER',
      'août',
      'Août',
      'm@r',
      'mar.',
      'z[',
      '`a',
      'listopada',
      'ſept',
      'K',
    ];
    for (let code = 0; code < 0x250; code++)
      words.push(String.fromCharCode(code), `ab${String.fromCharCode(code)}`);
    for (const word of words) expect(plainLetters(word), JSON.stringify(word)).toBe(plain.test(word));
  });

  it('reads a line where a date of numbers or an offset could stand but none does', () => {
    expect(parseForwardedDate('Mo., 14. Sept. 2026 um 10:22 Uhr', fallback)?.iso).toBe(
      '2026-09-14T18:22:00.000Z',
    );
    expect(parseForwardedDate('Wed, Oct 14, 2026 at 12:30 PM - via phone', fallback)?.iso).toBe(
      '2026-10-14T20:30:00.000Z',
    );
  });

  it('writes the instant as Date writes it, on every day of the years a date line may name and beyond', () => {
    const day = 86_400_000;
    for (let ms = Date.UTC(1989, 0, 1, 0, 0, 0, 1); ms < Date.UTC(2102, 0, 1); ms += day + 3_723_001)
      expect(isoString(ms)).toBe(new Date(ms).toISOString());
    for (const ms of [Date.UTC(2000, 1, 29), Date.UTC(2100, 2, 1) - 1, Date.UTC(999, 11, 31), 0, -1])
      expect(isoString(ms)).toBe(new Date(ms).toISOString());
  });
});

describe('findOriginal and parseMail on hostile input', () => {
  // Bounded time is guarded by the test timeout (a backtracking regex takes minutes here); speed is measured in bench/.
  it('returns on a huge line built to make the forward parser’s regular expressions backtrack', async () => {
    const body = `---------- Forwarded message ---------\nFrom: ${'<a<mailto:'.repeat(20_000)}\n`;
    expect(findOriginal(await forward(body)).from).toBeNull();
  });

  it('returns on many lines of almost-headers', async () => {
    const body = `${'From: a [ To: b < Sent: , "" <\n'.repeat(6000)}On ${',"'.repeat(5000)}`;
    expect(findOriginal(await forward(body, { subject: 'Fwd: x' })).from).toBeNull();
  });

  it('keeps decoded CR/LF out of names and subjects', async () => {
    const mail = await parseMail(
      'From: =?utf-8?q?Eve=0D=0ABcc=3A_x=40evil=2Ecom?= <eve@example.com>\r\nTo: cancel@bowout.localhost\r\n' +
        'Subject: =?utf-8?q?Hi=0D=0ABcc=3A_x=40evil=2Ecom?=\r\nDate: Tue, 1 Dec 2026 09:15:00 -0800\r\n\r\nhello\r\n',
    );
    expect(mail.subject).toBe('Hi Bcc: x@evil.com');
    expect(mail.from?.name).toBe('Eve Bcc: x@evil.com');
  });

  it('reads Outlook’s dashes and quotes in a windows-1252 body, which a Latin-1 decoding leaves as controls', async () => {
    const raw = [
      `From: ${USER}`,
      'Subject: TR: Entretien',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="windows-1252"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Lieu : Rhodanie Ing=E9nierie =96 12 rue Smith =93rez-de-chauss=E9e=94',
    ].join('\r\n');
    expect((await parseMail(raw)).text.trim()).toBe(
      'Lieu : Rhodanie Ingénierie – 12 rue Smith “rez-de-chaussée”',
    );
  });

  it('reads a body in an unknown or broken charset instead of failing', async () => {
    const mail = await parseMail(
      'From: a@example.com\r\nSubject: x\r\nContent-Type: text/plain; charset="x-no-such-charset"\r\n\r\nhello \xff\xfe\r\n',
    );
    expect(mail.text).toContain('hello');
  });

  it('answers deeply nested multiparts with UnreadableMailError or a parse, never another error', async () => {
    let body = 'leaf';
    for (let depth = 0; depth < 200; depth++) {
      body = `Content-Type: multipart/mixed; boundary="b${depth}"\r\n\r\n--b${depth}\r\n${body}\r\n--b${depth}--\r\n`;
    }
    const raw = `From: a@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n${body}`;
    const result = await parseMail(raw).then(
      () => 'parsed',
      (error: unknown) => error,
    );
    expect(result === 'parsed' || result instanceof UnreadableMailError).toBe(true);
  });

  it('parses at most a handful of attached messages however many are nested', async () => {
    let inner = 'From: a@example.com\r\nSubject: leaf\r\n\r\nleaf\r\n';
    for (let depth = 0; depth < 3; depth++) {
      const parts = Array.from(
        { length: 6 },
        () => `--n${depth}\r\nContent-Type: message/rfc822\r\n\r\n${inner}\r\n`,
      ).join('');
      inner = `From: a@example.com\r\nSubject: level ${depth}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="n${depth}"\r\n\r\n${parts}--n${depth}--\r\n`;
    }
    const mail = await parseMail(inner);
    const count = (m: ParsedMail): number => m.attached.reduce((sum, a) => sum + 1 + count(a), 0);
    expect(count(mail)).toBeLessThanOrEqual(5);
  });

  it('answers bytes that are no mail at all with UnreadableMailError', async () => {
    await expect(parseMail(new Uint8Array([0, 1, 2, 3]))).rejects.toBeInstanceOf(UnreadableMailError);
  });
});
