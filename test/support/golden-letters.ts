import type { InviteFacts, InviteStyle, LetterLanguage } from '../../functions/domain/model.js';
import { inviteFacts } from './facts.js';

/**
 * The table of golden letters: one row per language and stage, each with the facts of an invite as the
 * reader would produce them and the user's inputs. test/fixtures/letters/<name>.txt holds the letter a
 * fluent writer of that language would send, checked in and read for fluency.
 */
export interface GoldenLetter {
  name: string;
  facts: InviteFacts;
  inputs: { signature: string; reason: string | null; offer: string | null; language: LetterLanguage };
  caseId: string;
  now: Date;
}

const PEOPLE: Record<
  LetterLanguage,
  { contact: string; company: string; role: string; user: string; zone: string }
> = {
  en: {
    contact: 'Priya Natarajan',
    company: 'Northwind Analytics',
    role: 'Senior Data Engineer',
    user: 'Alex Rivera',
    zone: 'Europe/London',
  },
  de: {
    contact: 'Lena Weber',
    company: 'Kessler Maschinenbau',
    role: 'Backend-Entwickler (m/w/d)',
    user: 'Lukas Brandt',
    zone: 'Europe/Berlin',
  },
  fr: {
    contact: 'Claire Martin',
    company: 'Atelier Verdure',
    role: 'Chargé de marketing digital',
    user: 'Élodie Marchand',
    zone: 'Europe/Paris',
  },
  es: {
    contact: 'Lucía García',
    company: 'Tramontana Software',
    role: 'Ingeniero de Datos',
    user: 'Javier Ortega',
    zone: 'Europe/Madrid',
  },
  it: {
    contact: 'Francesca Greco',
    company: 'Officine Brera',
    role: 'Sviluppatore Java',
    user: 'Luca Romano',
    zone: 'Europe/Rome',
  },
  nl: {
    contact: 'Lotte de Boer',
    company: 'Zeewind Energie',
    role: 'Data-analist',
    user: 'Sem Visser',
    zone: 'Europe/Amsterdam',
  },
  pt: {
    contact: 'Joana Pires',
    company: 'Atlântico Seguros',
    role: 'Analista de Risco',
    user: 'Tiago Ferreira',
    zone: 'Europe/Lisbon',
  },
};

const REASONS: Record<LetterLanguage, { sentence: string; fragment: string; offer: string }> = {
  en: {
    sentence: 'I have accepted another offer',
    fragment: 'relocating abroad',
    offer: 'a part-time role later this year',
  },
  de: {
    sentence: 'Ich habe mich für ein anderes Angebot entschieden',
    fragment: 'ein Umzug ins Ausland',
    offer: 'eine Teilzeitstelle im nächsten Jahr',
  },
  fr: {
    sentence: "j'ai accepté une autre offre",
    fragment: 'un déménagement à l’étranger',
    offer: 'une mission en freelance plus tard dans l’année',
  },
  es: {
    sentence: 'He aceptado otra oferta',
    fragment: 'un traslado al extranjero',
    offer: 'un puesto a tiempo parcial el año que viene',
  },
  it: {
    sentence: 'Ho accettato un’altra offerta',
    fragment: 'un trasferimento all’estero',
    offer: 'una collaborazione part-time il prossimo anno',
  },
  nl: {
    sentence: 'Ik heb een ander aanbod aangenomen',
    fragment: 'een verhuizing naar het buitenland',
    offer: 'een parttimefunctie later dit jaar',
  },
  pt: {
    sentence: 'Aceitei outra proposta',
    fragment: 'uma mudança para o exterior',
    offer: 'uma vaga de meio período no próximo ano',
  },
};

/** The interview: Tuesday 8 December 2026 at 10:00 in the zone; "now" chosen per row. */
const START = (zone: string) =>
  zone === 'Europe/London' || zone === 'Europe/Lisbon'
    ? '2026-12-08T10:00:00.000Z'
    : '2026-12-08T09:00:00.000Z';

function facts(language: LetterLanguage, style: Partial<InviteStyle>, contactName?: string): InviteFacts {
  const person = PEOPLE[language];
  const base = inviteFacts({
    employerName: contactName ?? person.contact,
    interview: { start: START(person.zone), end: null, timezone: person.zone, certain: true },
  });
  return {
    ...base,
    employer: { ...base.employer, company: person.company },
    role: person.role,
    originalSubject: null,
    style: {
      language,
      register: 'formal',
      firstNames: null,
      stage: 'interview',
      laterRound: false,
      contact: { salutation: null, title: null },
      ...style,
    },
  };
}

const LANGUAGES: LetterLanguage[] = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt'];
const DAYS_BEFORE = (days: number, hours = 0) =>
  new Date(Date.parse('2026-12-08T09:00:00.000Z') - days * 86_400_000 - hours * 3_600_000);

export const GOLDEN_LETTERS: GoldenLetter[] = LANGUAGES.flatMap((language): GoldenLetter[] => {
  const person = PEOPLE[language];
  const reasons = REASONS[language];
  const inputs = { signature: person.user, reason: null, offer: null, language };
  return [
    {
      name: `${language}-interview`,
      facts: facts(language, { firstNames: true }),
      inputs,
      caseId: 'case-a',
      now: DAYS_BEFORE(6),
    },
    {
      name: `${language}-phone-screen-tomorrow-with-reason`,
      facts: facts(language, { stage: 'phone-screen' }),
      inputs: { ...inputs, reason: reasons.sentence },
      caseId: 'case-b',
      now: DAYS_BEFORE(0, 20),
    },
    {
      name: `${language}-final-round-today-informal-with-offer`,
      facts: facts(language, { stage: 'final', laterRound: true, register: 'informal', firstNames: true }),
      inputs: { ...inputs, offer: reasons.offer },
      caseId: 'case-c',
      now: DAYS_BEFORE(0, 3),
    },
    {
      name: `${language}-assessment-titled-contact-with-reason-fragment`,
      facts: facts(language, {
        stage: 'assessment',
        firstNames: false,
        contact: { salutation: 'ms', title: 'Dr.' },
      }),
      inputs: { ...inputs, reason: reasons.fragment },
      caseId: 'case-d',
      now: DAYS_BEFORE(12),
    },
  ];
});
