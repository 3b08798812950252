import { describe, expect, it } from 'vitest';
import {
  contactAddress,
  greetsByFirstName,
  inviteLanguage,
  inviteRegister,
  inviteStage,
} from '../../functions/domain/invite/read-style.js';
import { countStopwords } from '../../functions/domain/invite/time-language.js';
import { understandInvite } from '../../functions/domain/invite/understand-invite.js';
import { chooseLanguage, readLanguage } from '../../functions/domain/letters/language.js';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';
import { fixture } from '../support/mail.js';

async function styleOf(name: string) {
  const mail = await parseMail(fixture(`invites/${name}`));
  return understandInvite(mail, { userAddress: mail.from?.address ?? '', ownDomain: 'bowout.localhost' })
    .facts.style;
}

describe('how the employer wrote the invite', () => {
  it.each([
    [
      'gmail-de-vorstellungsgespraech-ohne-zone.eml',
      { language: 'de', register: 'formal', firstNames: false },
    ],
    ['thunderbird-de-naechsten-dienstag.eml', { language: 'de', register: 'informal', firstNames: true }],
    [
      'outlook-desktop-fr-message-d-origine.eml',
      { language: 'fr', register: 'formal', firstNames: true, laterRound: true },
    ],
    ['outlook-web-es-entrevista-cet.eml', { language: 'es', register: 'informal', firstNames: true }],
    ['outlook-web-it-colloquio.eml', { language: 'it', register: 'formal', firstNames: true }],
    ['iphone-mail-it-html-only.eml', { language: 'it', register: 'informal' }],
    ['new-outlook-nl-de-boer-lotte.eml', { language: 'nl', register: 'informal', laterRound: true }],
    ['outlook-desktop-pt-mensagem-original.eml', { language: 'pt', register: 'formal' }],
    ['gmail-html-only-tomorrow-pt.eml', { language: 'en' }],
    ['thunderbird-day-first-uk-range.eml', { language: 'en', stage: 'assessment' }],
    ['lever-attached-reply-to-last-first-tomorrow.eml', { language: 'en', stage: 'final', laterRound: true }],
  ])('reads %s', async (name, expected) => {
    expect(await styleOf(name)).toMatchObject(expected);
  });

  it('names no language when the words do not say clearly', () => {
    expect(inviteLanguage('See you Tuesday, 10:00')).toBeNull();
    expect(inviteLanguage('Vielen Dank für Ihre Bewerbung und Ihr Interesse an der Stelle.')).toBe('de');
  });

  it('counts whole frequent words only, in any case, accented ones and the last word included', () => {
    const counts = countStopwords('Vielen DANK für Ihre Zeit, THE theme; merci. Grüßen');
    expect(counts).toMatchObject({ de: 5, en: 1, fr: 1, es: 0 });
    // A word that begins or ends like a frequent word is none ("theme", "andere", "mitte").
    expect(countStopwords('theme andere mitte ander')).toMatchObject({ en: 0, de: 0 });
  });

  it('reads the register from the employer forms of address only', () => {
    expect(inviteRegister('Wir laden dich herzlich ein, und freuen uns auf dich.', 'de')).toBe('informal');
    expect(inviteRegister('Nous vous invitons à un entretien.', 'fr')).toBe('formal');
    expect(inviteRegister('Te escribimos para invitarte a una entrevista.', 'es')).toBe('informal');
    expect(inviteRegister('Hi Alex, we would love to meet you.', 'en')).toBe('formal');
  });

  it('tells a first-name greeting from a title and surname', () => {
    expect(greetsByFirstName('Hallo Lukas,\n\nwir freuen uns')).toBe(true);
    expect(greetsByFirstName('Sehr geehrter Herr Brandt,\n\nvielen Dank')).toBe(false);
    expect(greetsByFirstName('Estimada Sra. García:\n\n')).toBe(false);
    expect(greetsByFirstName('Thank you for applying.')).toBeNull();
  });

  it('looks for the greeting in the first three non-empty lines among the first twelve', () => {
    expect(greetsByFirstName('Northwind\n\n  \nInterview\r\nHi Alex,\nSee you')).toBe(true);
    expect(greetsByFirstName('Northwind\nInterview\nMonday\nHi Alex,')).toBeNull();
    expect(greetsByFirstName(`${'\n'.repeat(12)}Hi Alex,`)).toBeNull();
    expect(greetsByFirstName('')).toBeNull();
  });

  it('reads the stage from the subject first', () => {
    expect(inviteStage('Phone screen with Northwind', 'Our final round is later.').stage).toBe(
      'phone-screen',
    );
    expect(inviteStage('Einladung', 'Einladung zum Telefoninterview am Montag').stage).toBe('phone-screen');
    expect(inviteStage('Invitation', 'Suite à notre échange, je vous propose un entretien.')).toEqual({
      stage: 'interview',
      laterRound: true,
    });
  });

  it('reads stage words in any case, with the letters Unicode folds to the same', () => {
    expect(inviteStage('FINAL ROUND with Northwind', '').stage).toBe('final');
    expect(inviteStage('Einladung', 'Einladung zum TELEFONINTERVIEW').stage).toBe('phone-screen');
    expect(inviteStage('Invitation', 'Your Take-Home exercise').stage).toBe('assessment');
    // The long s folds to "s": "laſt round" reads as "last round".
    expect(inviteStage('Invitation', 'This is the laſt round.').stage).toBe('final');
    expect(inviteStage('Invitation', 'Following our CALL last week').laterRound).toBe(true);
    expect(inviteStage('Invitation', 'A phone number: 555 0100. A finalist.')).toEqual({
      stage: 'interview',
      laterRound: false,
    });
  });

  it('takes the contact salutation only from what the invite states, never from a first name', () => {
    expect(contactAddress('Lena Weber', 'Ihre Ansprechpartnerin ist Frau Dr. Weber.')).toEqual({
      salutation: 'ms',
      title: 'Dr.',
    });
    expect(contactAddress('Lena Weber', 'Sehr geehrter Herr Brandt,')).toEqual({
      salutation: null,
      title: null,
    });
    expect(contactAddress('Maria Rossi', 'Cordiali saluti, Maria')).toEqual({
      salutation: null,
      title: null,
    });
  });
});

describe('the letter language', () => {
  it('is the invite language, else the user default, else English', () => {
    expect(chooseLanguage('fr', 'de')).toBe('fr');
    expect(chooseLanguage(null, 'de')).toBe('de');
    expect(chooseLanguage(null, 'German')).toBe('de');
    expect(chooseLanguage(null, null)).toBe('en');
  });

  it.each([
    ['de', 'de'],
    ['DE', 'de'],
    ['pt-BR', 'pt'],
    ['Deutsch', 'de'],
    ['français', 'fr'],
    ['klingon', null],
  ])('reads %j as %j', (text, language) => {
    expect(readLanguage(text)).toBe(language);
  });
});
