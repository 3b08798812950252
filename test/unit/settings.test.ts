import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../functions/domain/conversation/settings.js';
import { parseInterviewTime } from '../../functions/domain/conversation/when.js';
import { hashToken } from '../../functions/domain/ids.js';
import { sweepNudges } from '../../functions/domain/nudges/sweep.js';
import { conversation, EMPLOYER, TERSE_INVITE, USER } from '../support/conversation.js';
import { fixture } from '../support/mail.js';

/** A mail from the user to cancel@ that holds no invite: its answer carries the user's own address. */
const hello = `From: Alex Rivera <${USER}>\r\nTo: cancel@bowout.localhost\r\nSubject: Hello\r\nDate: Tue, 1 Dec 2026 09:15:00 -0800\r\nContent-Type: text/plain\r\n\r\nHi there\r\n`;

/** The Gmail invite (2:00 PM Pacific Time) forwarded by a client that writes +0000 whatever the zone. */
const forwardedFromUtcClient = () =>
  fixture('invites/gmail-inline.eml').toString('utf8').replace('09:15:00 -0800', '17:15:00 +0000');

describe('the user’s own address', () => {
  it('is the Reply-To of a note that answers no case, and takes settings from the user only', async () => {
    const world = conversation();
    const { sent } = await world.deliver(hello);
    const own = sent[0]?.replyTo[0] ?? '';
    expect(own).toMatch(/^reply\+[a-z2-7]{20,}@bowout\.localhost$/);
    expect(await world.reply(own, 'ZONE Los Angeles')).toBe('zone-set');
    expect((await world.settings.getSettings(USER)).zone).toBe('America/Los_Angeles');
    const stranger = `From: mallory@evil.example\r\nTo: ${own}\r\nSubject: Re\r\nContent-Type: text/plain\r\n\r\nFORGET\r\n`;
    expect(
      (await world.deliver(stranger, { recipients: [own], envelopeFrom: 'mallory@evil.example' })).outcome,
    ).toBe('rejected-wrong-sender');
  });

  it('answers a case’s command sent to it with how to find the case', async () => {
    const world = conversation();
    const { sent } = await world.deliver(hello);
    expect(await world.reply(sent[0]?.replyTo[0] ?? '', 'SEND')).toBe('needs-case');
    expect(world.mailer.sent.at(-1)?.text).toContain('STATUS');
  });
});

describe('ZONE', () => {
  it.each([
    ['Los Angeles', 'America/Los_Angeles'],
    ['america/los_angeles', 'America/Los_Angeles'],
    ['Munich', 'Europe/Berlin'],
    ['Kolkata', 'Asia/Kolkata'],
    ['Pacific Time', 'America/Los_Angeles'],
    ['CET', 'Europe/Berlin'],
    ['UTC+2', 'UTC+2'],
    ['Mars', null],
  ])('reads "%s" as %s', (asked, zone) => {
    expect(resolveZone(asked)).toBe(zone);
  });

  it('until it is set, does not take a +0000 Date header for the user’s zone: the draft uses the interview’s and says so', async () => {
    const world = conversation();
    const { caseId } = await world.forward(forwardedFromUtcClient());
    const caseRecord = world.cases.cases.get(caseId);
    expect(caseRecord?.user).toMatchObject({ timezone: 'America/Los_Angeles', zoneFrom: 'interview' });
    const draft = world.mailer.sent.at(-1)?.text ?? '';
    expect(draft).toContain("I don't know your time zone yet");
    expect(draft).toContain('ZONE');
    expect(draft).toContain('Tuesday 8 December 2026, 14:00 (PST)');
  });

  it('moves the times and the reminders of open drafts into the zone set, and later forwards use it', async () => {
    // Drafted at 03:00 UTC: the first reminder, a day later, falls at night in UTC and moves to 08:00 UTC
    // (midnight in Los Angeles); in Los Angeles it is 19:00, and stays.
    const world = conversation(new Date('2026-12-01T03:00:00Z'));
    const raw = forwardedFromUtcClient().replace('2:00 PM Pacific Time', '2:00 PM UTC');
    const { replyTo, caseId } = await world.forward(raw);
    expect(world.cases.cases.get(caseId)?.user).toMatchObject({ timezone: 'UTC', zoneFrom: 'interview' });
    const before = [...world.nudges.items.values()].map((n) => n.dueAt);
    expect(await world.reply(replyTo, 'ZONE Los Angeles')).toBe('zone-set');
    expect(world.mailer.sent.at(-1)?.text).toContain('1 open draft was updated');
    expect(world.cases.cases.get(caseId)?.user).toMatchObject({
      timezone: 'America/Los_Angeles',
      zoneFrom: 'setting',
    });
    expect(before).toContain('2026-12-02T08:00:00.000Z');
    const after = [...world.nudges.items.values()].filter((n) => !before.includes(n.dueAt));
    expect(after.map((n) => n.dueAt)).toEqual(['2026-12-02T03:00:00.000Z']);
    // The routine reminder the sweep sends falls in waking hours there (the urgent one keeps its exact
    // time, a day before the interview); the old plan's reminder is closed as superseded.
    const reminderHours: number[] = [];
    for (let hour = 0; hour < 24 * 8; hour++) {
      const now = new Date(world.clock.now().getTime() + hour * 3_600_000);
      const before = world.mailer.sent.length;
      await sweepNudges(now, { ...world.deps, checkpoint: world.checkpoint });
      for (const mail of world.mailer.sent.slice(before))
        if (mail.subject.startsWith('Reminder'))
          reminderHours.push(DateTime.fromJSDate(now, { zone: 'America/Los_Angeles' }).hour);
    }
    expect(reminderHours).toEqual([19]);
    expect([...world.nudges.items.values()].some((n) => n.status === 'skipped-superseded')).toBe(true);

    const { caseId: next } = await world.forward(forwardedFromUtcClient());
    expect(world.cases.cases.get(next)?.user).toMatchObject({
      timezone: 'America/Los_Angeles',
      zoneFrom: 'setting',
    });
    expect(world.mailer.sent.at(-1)?.text).not.toContain("I don't know your time zone yet");
  });

  it('asks again for a zone it cannot find', async () => {
    const world = conversation();
    const { replyTo } = await world.forward();
    expect(await world.reply(replyTo, 'ZONE Atlantis')).toBe('zone-unclear');
  });
});

describe('NAME and LANG', () => {
  it('NAME signs open drafts and names the sender employers see', async () => {
    const world = conversation();
    const { replyTo, caseId } = await world.forward();
    expect(await world.reply(replyTo, 'NAME Alex R. Rivera')).toBe('name-set');
    expect(world.cases.cases.get(caseId)?.draft.body).toMatch(/\nAlex R\. Rivera$/);
    await world.reply(replyTo, 'SEND');
    expect(world.mailer.sent.find((m) => m.to.includes(EMPLOYER))?.from.name).toBe(
      'Alex R. Rivera via Bowout',
    );
  });

  it.each(['NAME Alex www.evil.example', 'NAME Alex hr@evil.example'])('refuses "%s"', async (command) => {
    const world = conversation();
    const { replyTo } = await world.forward();
    expect(await world.reply(replyTo, command)).toBe('name-refused');
    expect((await world.settings.getSettings(USER)).signature).toBeNull();
  });

  it('LANG at the user’s own address sets the language of letters whose invite names none', async () => {
    const world = conversation();
    const { sent } = await world.deliver(hello);
    const own = sent[0]?.replyTo[0] ?? '';
    expect(await world.reply(own, 'LANG Deutsch')).toBe('language-set');
    expect(world.mailer.sent.at(-1)?.text).toContain('Your letters are now in German (de)');
    expect(await world.settings.letterLanguage(USER)).toBe('de');
    const { caseId } = await world.forward(TERSE_INVITE);
    expect(world.cases.cases.get(caseId)?.inputs.language).toBe('de');
    expect(world.cases.cases.get(caseId)?.draft.body).toMatch(/^(Hallo|Guten Tag|Liebe)/);
    // An invite in a language of its own keeps it.
    const { caseId: english } = await world.forward();
    expect(world.cases.cases.get(english)?.inputs.language).toBe('en');
    expect(await world.reply(own, 'LANG klingon')).toBe('unclear-command');
    expect(await world.settings.letterLanguage(USER)).toBe('de');
  });

  it('LANG at a case’s address writes that letter again in the language and makes it the default', async () => {
    const world = conversation();
    const { replyTo, caseId } = await world.forward();
    expect(await world.reply(replyTo, 'LANG fr')).toBe('changed-lang');
    expect(world.cases.cases.get(caseId)?.inputs.language).toBe('fr');
    expect(world.mailer.sent.at(-1)?.text).toContain('The letter is in French');
    expect(await world.settings.letterLanguage(USER)).toBe('fr');
    const { caseId: terse } = await world.forward(TERSE_INVITE);
    expect(world.cases.cases.get(terse)?.inputs.language).toBe('fr');
  });

  it('LANG at the address of a case already sent only sets the default', async () => {
    const world = conversation();
    const { replyTo, caseId } = await world.forward();
    expect(await world.reply(replyTo, 'SEND')).toBe('sent');
    expect(await world.reply(replyTo, 'LANG es')).toBe('language-set');
    expect(world.cases.cases.get(caseId)?.inputs.language).toBe('en');
    expect(await world.settings.letterLanguage(USER)).toBe('es');
  });
});

describe('STATUS', () => {
  it('lists every open case with company, role, time, state and an address that works', async () => {
    const world = conversation();
    await world.forward();
    const { replyTo: second } = await world.forward(
      fixture('invites/attached-rfc822.eml').toString('utf8').replaceAll('jordan.lee@fastmail.com', USER),
    );
    const { replyTo: sentOne } = await world.forward();
    await world.reply(sentOne, 'SEND');
    expect(await world.reply(second, 'STATUS')).toBe('status');
    const answer = world.mailer.sent.at(-1);
    expect(answer?.subject).toBe('Your open cases (2)');
    expect(answer?.text).toContain('Northwind Analytics, Senior Data Engineer');
    expect(answer?.text).toContain('Interview: Tuesday 8 December 2026, 14:00');
    expect(answer?.text).toContain('State: draft not sent yet');
    expect(answer?.text).toContain('Closed cases (sent or discarded): 1.');
    const addresses = answer?.text.match(/reply\+[a-z2-7]+@bowout\.localhost/g) ?? [];
    expect(addresses).toHaveLength(2);
    expect(await world.reply(addresses[0] ?? '', 'SEND')).toBe('sent');
  });
});

describe('WHEN', () => {
  it('corrects the interview time, writes the letter again and plans the reminders again', async () => {
    const world = conversation();
    const { replyTo, caseId } = await world.forward();
    expect(await world.reply(replyTo, 'WHEN Thursday 10 December 2026 3pm')).toBe('when-set');
    const caseRecord = world.cases.cases.get(caseId);
    // In the interview's zone (Pacific, UTC-8 in December).
    expect(caseRecord?.facts.interview).toMatchObject({ start: '2026-12-10T23:00:00.000Z', certain: true });
    expect(caseRecord?.draft.body).toContain('Thursday, December 10 at 3:00 PM');
    expect(caseRecord?.draft.body).not.toContain('December 8');
    expect(world.mailer.sent.at(-1)?.text).toContain(
      'The interview time is now Thursday 10 December 2026, 15:00',
    );
    const urgent = [...world.nudges.items.values()]
      .filter((n) => n.kind === 'not-sent-urgent')
      .map((n) => n.dueAt);
    expect(urgent).toContain('2026-12-09T23:00:00.000Z');
  });

  it.each([
    ['3pm', '2026-12-08T23:00:00.000Z'],
    ['8 December 2026 16:30', '2026-12-09T00:30:00.000Z'],
    ['Tuesday 8 December 2026 14:00 Europe/Berlin', '2026-12-08T13:00:00.000Z'],
  ])('reads WHEN %s (a time alone keeps the interview’s date)', (when, start) => {
    const parsed = parseInterviewTime(when, {
      now: new Date('2026-12-01T18:00:00Z'),
      zone: 'America/Los_Angeles',
      currentStart: '2026-12-08T22:00:00.000Z',
    });
    expect(parsed?.start.toISOString()).toBe(start);
  });

  it('refuses a past time, a date without a time, and a case already sent', async () => {
    const world = conversation();
    const { replyTo } = await world.forward();
    expect(await world.reply(replyTo, 'WHEN 1 January 2020 10:00')).toBe('when-passed');
    expect(await world.reply(replyTo, 'WHEN next month')).toBe('when-unclear');
    await world.reply(replyTo, 'SEND');
    expect(await world.reply(replyTo, 'WHEN Thursday 3pm')).toBe('when-closed');
  });
});

describe('FORGET', () => {
  it('deletes every item of the user, says what, and keeps only what closes the old addresses', async () => {
    const world = conversation();
    const { replyTo } = await world.forward();
    await world.reply(replyTo, 'ZONE Los Angeles');
    await world.reply(replyTo, 'REMIND tomorrow');
    const { replyTo: other } = await world.forward();
    await world.deliver(hello);
    expect(world.rawMail.objects.size).toBeGreaterThan(4);

    expect(await world.reply(other, 'FORGET')).toBe('forgotten');
    const answer = world.mailer.sent.at(-1);
    expect(answer?.subject).toBe('Everything about you is deleted');
    expect(answer?.replyTo).toEqual([]);
    expect(answer?.text).toMatch(/2 cases with their drafts, \d+ reminders, \d+ stored messages/);
    expect(world.cases.cases.size).toBe(0);
    expect(world.cases.tokens.size).toBe(0);
    expect(world.cases.userTokens.size).toBe(0);
    expect(world.nudges.items.size).toBe(0);
    expect(world.settings.users.size).toBe(0);
    expect(world.quotas.quotas.size).toBe(0);
    expect(world.quotas.answeredSubjects.size).toBe(0);
    expect(world.rawMail.objects.size).toBe(0);
    expect(await world.messages.messagesOfUser(USER)).toEqual([]);
    expect(world.cases.retired.has(hashToken(replyTo.slice(6, replyTo.indexOf('@'))))).toBe(true);

    // The old address is dead: no command acts, nobody is answered.
    const sentBefore = world.mailer.sent.length;
    expect(await world.reply(replyTo, 'SEND')).toBe('rejected-unknown-token');
    expect(world.mailer.sent.length).toBe(sentBefore);
  });
});
