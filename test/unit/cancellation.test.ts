import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCase } from '../../functions/domain/case.js';
import { markedReason, writeCancellation } from '../../functions/domain/letters/cancellation.js';
import { readPersonName, signatureName } from '../../functions/domain/letters/names.js';
import { writeKeepInTouchNote } from '../../functions/domain/letters/nudge-mail.js';
import { composeDraftMail } from '../../functions/domain/letters/user-mail.js';
import type { InviteFacts, InviteStyle } from '../../functions/domain/model.js';
import { GOLDEN_LETTERS } from '../support/golden-letters.js';

const facts: InviteFacts = {
  employer: { name: 'Priya Natarajan', email: 'priya@northwind.example', company: 'Northwind Analytics' },
  role: 'Senior Data Engineer',
  interview: { start: '2026-12-08T22:00:00.000Z', end: null, timezone: 'America/Los_Angeles', certain: true },
  missing: [],
  uncertain: [],
  originalSubject: 'Interview for Senior Data Engineer',
  originalMessageId: '<m1@northwind.example>',
  originalReferences: [],
  calendarEvent: null,
  phone: null,
};

const CONTEXT = { caseId: 'c1', now: new Date('2026-12-01T12:00:00Z') };
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe('the cancellation', () => {
  it('greets by first name, thanks, withdraws from the named role, apologises and signs with the user name', () => {
    const { subject, body } = writeCancellation(
      facts,
      { signature: 'Alex Rivera', reason: null, offer: null },
      CONTEXT,
    );
    expect(subject).toBe('Re: Interview for Senior Data Engineer');
    expect(body.startsWith('Dear Priya,')).toBe(true);
    expect(body).toMatch(/Thank/);
    expect(body).toContain('Senior Data Engineer position at Northwind Analytics');
    expect(body).toMatch(/withdraw/);
    expect(body).toContain('Tuesday, December 8 at 2:00 PM');
    expect(body).toMatch(/apologi[sz]e|apologies|sorry/);
    expect(body.trimEnd().endsWith('Alex Rivera')).toBe(true);
    expect(body).not.toContain('for the time you have put into my application');
  });

  it('stays brief and leaves no placeholder in', () => {
    const { body } = writeCancellation(
      facts,
      { signature: 'Alex Rivera', reason: null, offer: null },
      CONTEXT,
    );
    expect(words(body)).toBeGreaterThan(50);
    expect(words(body)).toBeLessThan(140);
    expect(body).not.toMatch(/\[|\]|\{|\}|<|>|null|undefined|TODO/);
  });

  it('gives a reason and an offer only when the user gave them', () => {
    const plain = writeCancellation(facts, { signature: 'Alex', reason: null, offer: null }, CONTEXT).body;
    expect(plain).not.toMatch(/accepted another offer|part-time/);
    const withBoth = writeCancellation(
      facts,
      {
        signature: 'Alex',
        reason: 'I have accepted another offer',
        offer: 'a part-time contract later next year',
      },
      CONTEXT,
    ).body;
    expect(withBoth).toContain('I have accepted another offer.');
    expect(withBoth).toContain('talk about a part-time contract later next year');
  });

  it('writes a complete, polite note even when the name, company, role and time are unknown', () => {
    const unknown: InviteFacts = {
      ...facts,
      employer: { name: null, email: null, company: null },
      role: null,
      interview: { start: null, end: null, timezone: null, certain: false },
      originalSubject: null,
    };
    const { subject, body } = writeCancellation(
      unknown,
      { signature: null, reason: null, offer: null },
      CONTEXT,
    );
    expect(subject).toBe('Withdrawing from the interview');
    expect(body.startsWith('Hello,')).toBe(true);
    expect(body).not.toMatch(/null|undefined/);
  });

  it('calls an interview later today "later today at 15:00", never by its weekday (regression)', () => {
    const today = {
      ...facts,
      interview: { ...facts.interview, start: '2026-12-01T15:00:00.000Z', timezone: 'Europe/London' },
    };
    const { body } = writeCancellation(today, { signature: 'Alex', reason: null, offer: null }, CONTEXT);
    expect(body).toContain('later today at 15:00');
    expect(body).not.toMatch(/on Tuesday 1 December/);
    expect(body).toMatch(/short notice/);
  });

  it('chooses its phrasings per case, so two employers rarely get the same letter', () => {
    const letters = new Set(
      Array.from(
        { length: 20 },
        (_, i) =>
          writeCancellation(
            facts,
            { signature: 'Alex', reason: null, offer: null },
            { ...CONTEXT, caseId: `case-${i}` },
          ).body,
      ),
    );
    expect(letters.size).toBeGreaterThanOrEqual(12);
    const again = writeCancellation(facts, { signature: 'Alex', reason: null, offer: null }, CONTEXT).body;
    expect(writeCancellation(facts, { signature: 'Alex', reason: null, offer: null }, CONTEXT).body).toBe(
      again,
    );
  });
});

describe('golden letters, per language and stage', () => {
  it.each(GOLDEN_LETTERS.map((golden) => [golden.name, golden] as const))(
    '%s reads as checked in',
    (name, golden) => {
      const draft = writeCancellation(golden.facts, golden.inputs, {
        caseId: golden.caseId,
        now: golden.now,
      });
      const expected = readFileSync(new URL(`../fixtures/letters/${name}.txt`, import.meta.url), 'utf8');
      expect(`Subject: ${draft.subject}\n\n${draft.body}\n`).toBe(expected);
    },
  );
});

describe('a private note', () => {
  // Notes as users write them above a forward: any words, lines and punctuation, but no line that starts
  // with a reason marker.
  const noteLine = fc
    .stringMatching(/^[\p{L}\p{N} ,.;!?'’()-]{1,80}$/u)
    .filter((line) => markedReason(line) === null);
  const note = fc.array(noteLine, { minLength: 1, maxLength: 6 }).map((lines) => lines.join('\n'));

  it('yields no reason from a note without a reason mark, and exactly the marked line otherwise (property)', () => {
    fc.assert(
      fc.property(note, (text) => {
        expect(markedReason(text)).toBeNull();
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        note,
        note,
        fc.constantFrom('Reason:', 'Grund:', 'Raison :', 'Motivo:', 'Reden:'),
        (above, below, mark) => {
          const reason = 'I have accepted another offer';
          expect(markedReason(`${above}\n${mark} ${reason}\n${below}`)).toBe(reason);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps a health note and a blunt opinion out of the letter entirely', () => {
    for (const text of [
      "I'm not interested anymore, their Glassdoor reviews are awful and the pay is a joke.",
      'I have a health issue I would rather not share. Please cancel.',
    ]) {
      expect(markedReason(text)).toBeNull();
    }
  });
});

describe('names in greetings and signatures', () => {
  it.each([
    ['Nair, Priya', 'Priya Nair'],
    ['Carter, Emily, PhD', 'Emily Carter'],
    ['Alex Rivera', 'Alex Rivera'],
    ['WEBER, LENA', 'Lena Weber'],
  ])('signs %j as %j', (name, signed) => {
    expect(signatureName(name)).toBe(signed);
  });

  it('keeps a title in the greeting', () => {
    const titled = { ...facts, employer: { ...facts.employer, name: 'Dr. Emily Carter' } };
    expect(writeCancellation(titled, { signature: 'Alex', reason: null, offer: null }, CONTEXT).body).toMatch(
      /^Dear Dr\. Carter,/,
    );
    const reversed = { ...facts, employer: { ...facts.employer, name: 'Carter, Emily' } };
    expect(
      writeCancellation(reversed, { signature: 'Nair, Priya', reason: null, offer: null }, CONTEXT).body,
    ).toMatch(/^Dear Emily,[\s\S]*\nPriya Nair$/);
  });

  it('reads salutations and titles, and never a gender from a first name', () => {
    expect(readPersonName('Frau Dr. Lena Weber')).toMatchObject({
      salutation: 'ms',
      title: 'Dr.',
      first: 'Lena',
      last: 'Weber',
    });
    expect(readPersonName('Lena Weber')).toMatchObject({ salutation: null, title: null });
    expect(readPersonName('Mevr. Lotte de Boer')).toMatchObject({ salutation: 'ms', last: 'de Boer' });
    expect(readPersonName('Dott.ssa Giulia Ferri')).toMatchObject({ salutation: 'ms', title: 'Dott.ssa' });
  });
});

describe('the user words in a letter', () => {
  it('uses a whole sentence as written and fits a fragment into grammar, per language', () => {
    const de = { ...facts, style: { ...(GOLDEN_LETTERS[4]?.facts.style as InviteStyle) } };
    const offer = (text: string, language: 'en' | 'de') =>
      writeCancellation(
        language === 'de' ? de : facts,
        { signature: 'A', reason: null, offer: text, language },
        CONTEXT,
      ).body;
    expect(offer('i would be glad to hear about future openings', 'en')).toContain(
      'I would be glad to hear about future openings.',
    );
    expect(offer('i would be glad to hear about future openings', 'en')).not.toMatch(/talk about i would/i);
    expect(offer('A part-time role next year', 'en')).toMatch(/talk about a part-time role next year/);
    expect(offer('to work with you on a contract basis', 'en')).toMatch(
      /glad to work with you on a contract basis/,
    );
    expect(offer('eine Teilzeitstelle', 'de')).toMatch(
      /über eine Alternative sprechen: eine Teilzeitstelle\./,
    );
    expect(offer('Ich würde mich über eine Teilzeitstelle freuen', 'de')).toContain(
      'Ich würde mich über eine Teilzeitstelle freuen.',
    );
  });
});

describe('the draft mail to the user', () => {
  const value = openCase({
    caseId: 'c1',
    user: { email: 'alex@gmail.example', name: 'Alex <b>Rivera</b>', timezone: 'UTC+1' },
    facts: { ...facts, employer: { ...facts.employer, company: '<script>alert(1)</script> Corp' } },
    sourceMessageId: 'm1',
    now: new Date('2026-12-01T00:00:00.000Z'),
  });
  const now = new Date('2026-12-01T12:00:00Z');

  it('shows the interview in the user zone and the employer zone, and the commands', () => {
    const mail = composeDraftMail(value, {
      replyAddress: 'reply+abc@bowout.localhost',
      sender: { senderAddress: 'send@bowout.localhost' },
      now: now,
    });
    expect(mail.replyTo).toEqual(['reply+abc@bowout.localhost']);
    expect(mail.text).toContain('Tuesday 8 December 2026, 23:00 (UTC+1) your time');
    expect(mail.text).toContain('14:00 (PST) for them');
    expect(mail.text).toMatch(/^\s+SEND: /m);
    expect(mail.text).toContain('mailto:priya@northwind.example?subject=Re%3A%20Interview');
  });

  it('marks the facts it is not sure of and asks the user to check them', () => {
    const unsure = { ...value, facts: { ...value.facts, uncertain: ['employer.email', 'employer.company'] } };
    const mail = composeDraftMail(unsure, { replyAddress: 'r@x.y', sender: { senderAddress: 's@x.y' }, now });
    expect(mail.text).toContain('Contact: Priya Natarajan <priya@northwind.example> (please check)');
    expect(mail.text).toMatch(/Company: .* Corp \(please check\)/);
    expect(mail.text).toMatch(/Role: Senior Data Engineer$/m);
    expect(mail.text).toContain(
      "Please check the employer's email address (reply TO <address> to change it), the company: the invite does not state them plainly",
    );
    expect(mail.html).toContain('Please check the employer&#39;s email address');
    const sure = composeDraftMail(value, { replyAddress: 'r@x.y', sender: { senderAddress: 's@x.y' }, now });
    expect(sure.text).not.toContain('please check');
    expect(sure.text).not.toContain('Please check');
  });

  it('escapes every employer-provided string in the HTML part', () => {
    const mail = composeDraftMail(value, {
      replyAddress: 'reply+abc@bowout.localhost',
      sender: { senderAddress: 'send@bowout.localhost' },
      now: now,
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('warns when the interview is hours away, with the phone number, and when it has passed', () => {
    const soon = { ...value, facts: { ...value.facts, phone: '+1 415 555 0134' } };
    const close = composeDraftMail(soon, {
      replyAddress: 'r@x.y',
      sender: { senderAddress: 's@x.y' },
      now: new Date('2026-12-08T20:00:00Z'),
    });
    expect(close.text).toContain(
      'a quick phone call as well would be kind (the invite lists +1 415 555 0134)',
    );
    const past = composeDraftMail(value, {
      replyAddress: 'r@x.y',
      sender: { senderAddress: 's@x.y' },
      now: new Date('2026-12-09T00:00:00Z'),
    });
    expect(past.text).toMatch(/passed already/);
  });

  it('shows one time when both zones agree', () => {
    const same = { ...value, user: { ...value.user, timezone: 'UTC-8' } };
    const mail = composeDraftMail(same, {
      replyAddress: 'r@x.y',
      sender: { senderAddress: 's@x.y' },
      now: now,
    });
    expect(mail.text).not.toContain('for them');
  });

  it('gives the mailto links CRLF line breaks (RFC 6068) and offers none without an address', () => {
    const mail = composeDraftMail(value, {
      replyAddress: 'reply+abc@bowout.localhost',
      sender: { senderAddress: 's@x.y' },
      now,
    });
    const link = mail.text.split('\n').find((line) => line.startsWith('mailto:priya@')) ?? '';
    expect(link).toContain('%0D%0A%0D%0A');
    expect(link).not.toMatch(/[^D]%0A/);
    const nobody = {
      ...value,
      facts: { ...value.facts, employer: { ...value.facts.employer, email: null } },
    };
    const without = composeDraftMail(nobody, {
      replyAddress: 'r@x.y',
      sender: { senderAddress: 's@x.y' },
      now,
    });
    expect(without.text).not.toMatch(/^mailto:\?/m);
    expect(without.html).not.toContain('href="mailto:?');
    expect(without.text).toContain("reply TO with the employer's address first");
  });

  it('offers every command as a one-tap button: a mailto to the case address with the command written', () => {
    const mail = composeDraftMail(value, {
      replyAddress: 'reply+abc@bowout.localhost',
      sender: { senderAddress: 's@x.y' },
      now,
    });
    for (const command of [
      'SEND',
      'CANCEL',
      'STOP',
      'REMIND%20tomorrow%209am',
      'REASON%20',
      'OFFER%20',
      'TO%20',
    ]) {
      expect(mail.html).toContain(
        `href="mailto:reply%2Babc@bowout.localhost?subject=Re%3A%20Your%20cancellation%20draft`,
      );
      expect(mail.html).toMatch(new RegExp(`&amp;body=${command}"`));
      expect(mail.text).toMatch(
        new RegExp(`: mailto:reply%2Babc@bowout\\.localhost\\?subject=[^&]+&body=${command}$`, 'm'),
      );
    }
    expect(mail.html).toContain('>Send it</a>');
    expect(mail.html).toContain(`&amp;body=EDIT%0D%0A%0D%0A${encodeURIComponent('Dear Priya,')}`);
  });
});

describe('the stay-in-touch note', () => {
  it('says only what happened, in the letter language, and invents nothing (regression)', () => {
    const opened = openCase({
      caseId: 'c2',
      user: { email: 'alex@gmail.example', name: 'Alex Rivera', timezone: 'UTC+1' },
      facts,
      sourceMessageId: 'm2',
      now: new Date('2026-12-01T00:00:00.000Z'),
    });
    const sent = { ...opened, state: 'SENT' as const, sentAt: '2026-12-02T10:00:00.000Z' };
    const english = writeKeepInTouchNote(sent);
    expect(english.body).not.toMatch(/kindly|handled|follow .* with interest/);
    expect(english.body).toContain('withdrew from the interview process');
    const german = writeKeepInTouchNote({
      ...sent,
      facts: { ...sent.facts, style: GOLDEN_LETTERS[4]?.facts.style },
      inputs: { ...sent.inputs, language: 'de' },
    });
    expect(german.subject).toBe('In Kontakt bleiben');
    expect(german.body).toMatch(/^Hallo Priya,\n\nich hoffe, es geht Ihnen gut\./);
  });
});

describe('the etiquette, in every phrasing', () => {
  // Words each part of the etiquette is written with, per language: thanks, a clear withdrawal, an apology.
  const PARTS = {
    thanks: /thank|dank|merci|remercie|gracias|agradezco|agradeço|agradecer|grazie|ringrazi|bedank/i,
    withdrawal:
      /withdraw|zurück|retirer|ne pas poursuivre|retirar|no continuar|ritirare|non proseguire|intrekken|in te trekken|terug te trekken|não continuar/i,
    apology:
      /apologi|sorry|entschuldig|tut mir leid|excuse|disculp|lamento|scus|dispiace|excuses|spijt|desculpa/i,
  };

  it.each(GOLDEN_LETTERS.map((golden) => [golden.name, golden] as const))(
    '%s holds for every case id: thanks, withdrawal, apology, no invented reason, brief',
    (_name, golden) => {
      for (let i = 0; i < 40; i++) {
        const { body } = writeCancellation(
          golden.facts,
          { ...golden.inputs, reason: null, offer: null },
          { caseId: `case-${i}`, now: golden.now },
        );
        for (const [part, pattern] of Object.entries(PARTS))
          expect(body, `${part} in ${body}`).toMatch(pattern);
        expect(body).not.toMatch(/reason|Grund|raison|motivo|motif|reden|motivo/i);
        expect(words(body)).toBeLessThan(150);
        expect(body).not.toMatch(/\bundefined\b|\bnull\b|\$\{|[ \t]{2,}| [,.]/);
      }
    },
  );
});
