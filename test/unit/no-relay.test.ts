import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cannotHoldLink,
  findLink,
  linkIn,
  usableDisplayName,
} from '../../functions/domain/conversation/no-relay.js';
import { FIRST_DAY_SENDS } from '../../functions/domain/conversation/quotas.js';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';
import { conversation, EMPLOYER, USER } from '../support/conversation.js';
import { FIXTURES, fixture } from '../support/mail.js';

describe('links in text the user wrote', () => {
  it.each([
    ['https://evil.example/login', 'http'],
    ['hxxps://evil[.]com/login', 'defanged scheme and bracketed dot'],
    ['go to example[.]com now', 'bracketed dot'],
    ['evil (dot) com', 'spelled-out dot'],
    ['www.evil.example', 'www.'],
    ['see paypal.com', 'a bare domain'],
    ['see paypal。com', 'an ideographic full stop'],
    ['see ｐａｙｐａｌ．ｃｏｍ', 'full-width letters and dot'],
    ['see pay\u200Bpal.com', 'a zero-width space'],
    ['xn--80ak6aa92e.com', 'punycode'],
    ['http : // 203.0.113.9', 'a spaced scheme and an IP address'],
    ['mailto:someone@evil.example', 'mailto:'],
  ])('finds "%s" (%s)', (text) => {
    expect(findLink(text, USER)?.kind).toBe('link');
  });

  it.each([
    'I have accepted another offer.',
    'Thank you for your time. It was a pleasure.',
    'Experience with Node.js, e.g. at work, i.e. daily, in the U.S. at 3 p.m.',
    `Kind regards,\nAlex Rivera\n${USER}\nTel: +1 555 0100`,
  ])('lets "%s" through', (text) => {
    expect(findLink(text, USER)).toBeNull();
  });

  it('finds an email address other than the user’s own', () => {
    expect(findLink('Write to hr@evil.example instead', USER)).toEqual({
      kind: 'address',
      text: 'hr@evil.example',
    });
  });

  it.each([
    'EDIT Dear Priya, please see hxxps://evil[.]com',
    'REASON details at evil.com',
    'OFFER a role, see www.me.example',
  ])('refuses "%s" with the reason, and changes nothing', async (command) => {
    const world = conversation();
    const { replyTo, caseId } = await world.forward();
    const before = world.cases.cases.get(caseId)?.draft;
    expect(await world.reply(replyTo, command)).toBe('link-refused');
    expect(world.mailer.sent.at(-1)?.subject).toBe('Links cannot go into your letter');
    expect(world.mailer.sent.at(-1)?.text).toContain('reads as a web address');
    expect(world.cases.cases.get(caseId)?.draft).toEqual(before);
  });

  it('leaves a reason with a link out of the letter when it comes in the note above the forward', async () => {
    const world = conversation();
    const raw = fixture('invites/gmail-inline.eml')
      .toString('utf8')
      .replace(
        '---------- Forwarded message',
        'Reason: I have accepted an offer at evil.example\r\n\r\n---------- Forwarded message',
      );
    const { caseId } = await world.forward(raw);
    expect(world.cases.cases.get(caseId)?.draft.body).not.toContain('evil');
    expect(world.mailer.sent.at(-1)?.text).toContain('I left the reason in your note out of the letter');
  });
});

describe('the From display name', () => {
  it.each(['Win a prize at prize.example', 'support@bank.example', 'Alex (www.alex.example)'])(
    'is not used when it is "%s"',
    async (name) => {
      expect(usableDisplayName(name, USER)).toBeNull();
      const world = conversation();
      const raw = fixture('invites/gmail-inline.eml')
        .toString('utf8')
        .replace('From: Alex Rivera <alex.rivera@gmail.com>', `From: "${name}" <alex.rivera@gmail.com>`);
      const { replyTo, caseId } = await world.forward(raw);
      expect(world.cases.cases.get(caseId)?.user.name).toBeNull();
      await world.reply(replyTo, 'SEND');
      const sent = world.mailer.sent.find((m) => m.to.includes(EMPLOYER));
      expect(sent?.from.name).toBe('alex.rivera via Bowout');
      expect(sent?.text).not.toContain(name);
    },
  );
});

describe('TO an address that was not in the forward', () => {
  it('takes effect only after CONFIRM', async () => {
    const world = conversation();
    const { replyTo, caseId } = await world.forward();
    expect(await world.reply(replyTo, 'TO victim@elsewhere.example')).toBe('to-needs-confirmation');
    await world.reply(replyTo, 'SEND');
    expect(world.mailer.sent.filter((m) => m.to.includes('victim@elsewhere.example'))).toEqual([]);
    expect(world.cases.cases.get(caseId)?.state).toBe('SENT');
    expect(world.mailer.sent.find((m) => m.cc.includes(USER))?.to).toEqual([EMPLOYER]);
  });

  it('CONFIRM with nothing waiting says so', async () => {
    const world = conversation();
    const { replyTo } = await world.forward();
    expect(await world.reply(replyTo, 'CONFIRM')).toBe('nothing-to-confirm');
  });

  it('takes effect at once for an address the forward named', async () => {
    const world = conversation();
    const raw = fixture('invites/gmail-inline.eml')
      .toString('utf8')
      .replace(
        'Subject: Interview for',
        'Cc: Hannah Cole <hannah.cole@northwind-analytics.com>\r\nSubject: Interview for',
      );
    const { replyTo, caseId } = await world.forward(raw);
    expect(await world.reply(replyTo, 'TO hannah.cole@northwind-analytics.com')).toBe('changed-to');
    expect(world.cases.cases.get(caseId)?.facts.employer.email).toBe('hannah.cole@northwind-analytics.com');
  });
  it.each([
    // A name with a link is refused with the reason; one with an address does not read as TO at all.
    ['TO "Claim at www.prize.example" <hannah.cole@northwind-analytics.com>', 'link-refused'],
    ['TO Hannah (write to hr@evil.example) <hannah.cole@northwind-analytics.com>', 'unclear-command'],
  ])('takes no name that carries a link or an address: %s', async (command, outcome) => {
    const world = conversation();
    const { replyTo, caseId } = await world.forward();
    expect(await world.reply(replyTo, command)).toBe(outcome);
    expect(world.cases.cases.get(caseId)?.facts.employer.email).toBe(EMPLOYER);
    expect(world.cases.cases.get(caseId)?.pendingTo).toBeNull();
  });
});

describe("a new user's first day", () => {
  it(`allows at most ${FIRST_DAY_SENDS} employer mails, then ten a day`, async () => {
    const world = conversation();
    const outcomes = [];
    for (let i = 0; i < FIRST_DAY_SENDS + 1; i++) {
      const { replyTo } = await world.forward();
      outcomes.push(await world.reply(replyTo, 'SEND'));
    }
    expect(outcomes).toEqual([...Array(FIRST_DAY_SENDS).fill('sent'), 'send-rate-limited']);
    expect(world.mailer.sent.filter((m) => m.to.includes(EMPLOYER))).toHaveLength(FIRST_DAY_SENDS);
    expect(world.mailer.sent.find((m) => m.subject === 'Daily limit reached')?.text).toContain('first day');
    world.clock.current = new Date(world.clock.current.getTime() + 86_400_000 + 1);
    const { replyTo } = await world.forward();
    expect(await world.reply(replyTo, 'SEND')).toBe('sent');
  });
});

describe('text that cannot hold a link', () => {
  it('is only text in which no link or address is found, however it is masked', () => {
    const unit = fc.constantFrom(
      ...[
        'Alex',
        'rivera',
        'O',
        "'",
        '’',
        '-',
        ' ',
        '  ',
        '\t',
        'dot',
        'DoT',
        'punkt',
        'point',
        'xn--',
        'XN--',
      ],
      ...[
        '.',
        '@',
        ':',
        '//',
        'www',
        'com',
        'de',
        '1',
        '192',
        '[',
        ']',
        '(',
        ')',
        'é',
        'ß',
        '\u00ad',
        '\u200b',
      ],
      ...['．', '。', '・', '·', '＠', '﹫', '：', '․', 'ｘｎ－－', 'hxxp', 'h**p', 'ｃｏｍ'],
    );
    let claimed = 0;
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
        const text = units.join('');
        if (!cannotHoldLink(text)) return;
        claimed++;
        expect(linkIn(text, null)).toBeNull();
      }),
      { numRuns: 5_000 },
    );
    expect(claimed).toBeGreaterThan(100);
    // Spelled out, a dot needs no dot character, and an A-label none either: such text is read whole.
    for (const text of ['Alex dot com', 'evil punkt de', 'see xn--bcher-kva com']) {
      expect(linkIn(text, null)).not.toBeNull();
      expect(cannotHoldLink(text)).toBe(false);
    }
  });

  it('gives the same answers as the whole reading for every display name in the fixtures', async () => {
    const names: string[] = [];
    for (const folder of ['invites', 'invites-dev', 'invites-world']) {
      for (const file of readdirSync(`${FIXTURES}${folder}`).filter((name) => name.endsWith('.eml'))) {
        const mail = await parseMail(fixture(`${folder}/${file}`)).catch(() => null);
        for (const box of mail ? [mail.from, ...mail.to, ...mail.replyTo] : [])
          if (box?.name) names.push(box.name);
      }
    }
    expect(names.length).toBeGreaterThan(200);
    expect(names.filter(cannotHoldLink).length).toBeGreaterThan(100);
    for (const name of names) expect(findLink(name, null)).toEqual(linkIn(name, null));
  });
});
