import { surnameAlone } from '../names.js';
import { type LetterFacts, type Phrasebook, positionPhrase, timePhrase } from '../phrasebook.js';

/** " op dinsdag 8 december om 10.00 uur", " vandaag om 15.00 uur", " morgen om 10.00 uur", or nothing. */
function when(f: LetterFacts): string {
  return timePhrase(f.when, {
    today: ({ time }) => ` vandaag om ${time} uur`,
    tomorrow: ({ time }) => ` morgen om ${time} uur`,
    later: ({ date, time }) => ` op ${date} om ${time} uur`,
  });
}

// Dutch titles (dr., prof.) are the same for everyone and written in lower case.
export const nl: Phrasebook = {
  language: 'nl',
  position: positionPhrase({
    both: (role, company) => `de functie van ${role} bij ${company}`,
    role: (role) => `de functie van ${role}`,
    company: (company) => `de functie bij ${company}`,
    neither: 'de functie',
  }),
  stages: {
    interview: { the: 'het sollicitatiegesprek', to: 'het sollicitatiegesprek', feminine: false },
    'phone-screen': { the: 'het telefoongesprek', to: 'het telefoongesprek', feminine: false },
    final: { the: 'het eindgesprek', to: 'het eindgesprek', feminine: false },
    assessment: { the: 'het assessment', to: 'het assessment', feminine: false },
    next: { the: 'het vervolggesprek', to: 'het vervolggesprek', feminine: false },
  },
  greeting(person, style, _company) {
    if (!person) return style.formal ? 'Geachte heer, mevrouw,' : 'Hallo,';
    if ((style.firstNames || !style.formal) && person.first) return `Beste ${person.first},`;
    const title = person.title ? person.title.toLowerCase().replace(/^(dr|prof)(?!\.)/, '$1.') : null;
    if (person.last && (title || style.salutation)) {
      const address = title ?? (style.salutation === 'ms' ? 'mevrouw' : 'heer');
      return `Geachte ${address} ${surnameAlone(person.last, 'nl')},`;
    }
    return `Geachte ${person.full},`;
  },
  lowerAfterGreeting: false,
  thanks: [
    (f) => `Hartelijk dank voor de uitnodiging voor ${f.stage.to} voor ${f.position}.`,
    (f) =>
      `Bedankt voor ${f.you('uw', 'je')} uitnodiging voor ${f.stage.to} en voor ${f.you('uw', 'je')} interesse in mijn sollicitatie naar ${f.position}.`,
    (f) =>
      `Ik wil ${f.you('u', 'je')} hartelijk bedanken voor de uitnodiging voor ${f.stage.to} voor ${f.position}.`,
  ],
  laterThanks: [
    (f) =>
      `Hartelijk dank voor de gesprekken die we tot nu toe hebben gevoerd over ${f.position}, en voor de uitnodiging voor ${f.stage.to}.`,
    (f) =>
      `Bedankt voor de tijd die ${f.you('u', 'je')} tot nu toe voor mij hebt vrijgemaakt en voor de uitnodiging voor ${f.stage.to} voor ${f.position}.`,
    (f) =>
      `Ik wil ${f.you('u', 'je')} bedanken voor de gesprekken tot nu toe en voor de uitnodiging voor ${f.stage.to} voor ${f.position}.`,
  ],
  withdraw: [
    (f) =>
      `Na zorgvuldige overweging heb ik besloten mijn sollicitatie in te trekken. Ik zal daarom niet aanwezig zijn bij ${f.stage.the}${when(f)}.`,
    (f) =>
      `Na goed nadenken heb ik besloten mij terug te trekken uit de sollicitatieprocedure, en daarom kom ik niet naar ${f.stage.the}${when(f)}.`,
    (f) =>
      `Ik heb besloten mijn sollicitatie in te trekken en moet ${f.stage.the}${when(f)} daarom afzeggen.`,
  ],
  apology: [
    (f) =>
      `Ik wilde ${f.you('u', 'je')} dit zo snel mogelijk laten weten en bied mijn excuses aan voor het ongemak.`,
    (f) => `Excuses voor het ongemak dat dit voor ${f.you('u', 'je')} kan veroorzaken.`,
    (f) =>
      `Het spijt me als dit ongemak veroorzaakt; ik wilde ${f.you('u', 'je')} zo vroeg mogelijk op de hoogte brengen.`,
  ],
  apologyShortNotice: [
    () => 'Excuses dat ik dit zo kort van tevoren laat weten, en voor het ongemak dat dit veroorzaakt.',
    () => 'Het spijt me dat ik zo laat afzeg; mijn excuses voor het ongemak.',
    () => 'Mijn excuses dat ik dit zo kort van tevoren laat weten, en voor het ongemak.',
  ],
  reasonFragment: (fragment) => `De reden, in het kort: ${fragment}.`,
  offerFragment: [
    (fragment, f) =>
      `${f.you('Mocht u', 'Mocht je')} interesse hebben, dan praat ik graag over een alternatief: ${fragment}.`,
    (fragment, f) =>
      `Wel praat ik graag over een alternatief, als ${f.you('u', 'je')} daar interesse in hebt: ${fragment}.`,
  ],
  door: [
    (f) =>
      `Ik hoop dat onze wegen elkaar in de toekomst weer kruisen en wens ${f.you('u', 'je')} en het team veel succes.`,
    (f) => `Ik blijf graag in contact en wens ${f.you('u', 'je')} veel succes met de verdere werving.`,
    () => 'Wie weet ontstaat er in de toekomst een nieuwe kans om samen te werken.',
  ],
  closings: {
    formal: ['Met vriendelijke groet,', 'Vriendelijke groeten,', 'Met hartelijke groet,'],
    informal: ['Hartelijke groet,', 'Groeten,', 'Vriendelijke groet,'],
  },
  sentenceStart:
    /^(?:ik|mijn|we|wij|als|misschien|helaas|omdat|aangezien|door|na|het|dat|er|graag)(?![\p{L}])/iu,
  subject: 'Intrekking van mijn sollicitatie',
  keepInTouch: {
    subject: 'Contact houden',
    body: (f) => [
      `Ik hoop dat alles goed met ${f.you('u', 'je')} gaat. Een paar maanden geleden heb ik mijn sollicitatie${f.role ? ` voor de functie van ${f.role}` : ''} ingetrokken; ik wil ${f.you('u', 'je')} nogmaals bedanken voor de uitnodiging destijds.`,
      'Als er een functie vrijkomt die bij mij past, hoor ik dat graag.',
    ],
    closing: (f) => f.you('Met vriendelijke groet,', 'Hartelijke groet,'),
  },
};
