import type { InterviewWhen } from '../dates.js';
import { type LetterFacts, type Phrasebook, positionPhrase, timePhrase } from '../phrasebook.js';

/** " previsto per martedì 8 dicembre alle 10:00", " … per oggi all'1:00", or nothing. */
function planned(f: LetterFacts): string {
  // "all'1:00", "all'8:00", "all'11:00": the article elides before a vowel.
  const at = (w: InterviewWhen) =>
    `${w.hour === 1 || w.hour === 8 || w.hour === 11 ? "all'" : 'alle '}${w.time}`;
  const agreed = f.stage.feminine ? 'prevista' : 'previsto';
  return timePhrase(f.when, {
    today: (w) => ` ${agreed} per oggi ${at(w)}`,
    tomorrow: (w) => ` ${agreed} per domani ${at(w)}`,
    later: (w) => ` ${agreed} per ${w.date} ${at(w)}`,
  });
}

// "Gentile" is the same for everyone; gendered titles (Dott./Dott.ssa, Sig./Sig.ra) only when stated.
// No participle agrees with the writer ("invitato/a", "grato/a").
export const it: Phrasebook = {
  language: 'it',
  position: positionPhrase({
    both: (role, company) => `la posizione di ${role} presso ${company}`,
    role: (role) => `la posizione di ${role}`,
    company: (company) => `la posizione presso ${company}`,
    neither: 'la posizione',
  }),
  stages: {
    interview: { the: 'il colloquio', to: 'al colloquio', feminine: false },
    'phone-screen': { the: 'il colloquio telefonico', to: 'al colloquio telefonico', feminine: false },
    final: { the: 'il colloquio finale', to: 'al colloquio finale', feminine: false },
    assessment: { the: 'la prova di valutazione', to: 'alla prova di valutazione', feminine: true },
    next: { the: 'il prossimo colloquio', to: 'al prossimo colloquio', feminine: false },
  },
  greeting(person, style, company) {
    if (!person) return company ? `Spettabile ${company},` : 'Buongiorno,';
    if (!style.formal && person.first) return `Ciao ${person.first},`;
    if (style.firstNames && person.first) return `Gentile ${person.first},`;
    if (style.salutation && person.last) {
      const ms = style.salutation === 'ms';
      const title = person.title
        ? /^prof/i.test(person.title)
          ? ms
            ? 'Prof.ssa'
            : 'Prof.'
          : ms
            ? 'Dott.ssa'
            : 'Dott.'
        : ms
          ? 'Sig.ra'
          : 'Sig.';
      return `Gentile ${title} ${person.last},`;
    }
    return `Gentile ${person.full.replace(/^(?:Dr|Dott|Prof)\.?\s+/i, '')},`;
  },
  lowerAfterGreeting: false,
  thanks: [
    (f) => `${f.you('La ringrazio', 'Ti ringrazio')} per l'invito ${f.stage.to} per ${f.position}.`,
    (f) =>
      `Grazie mille per l'invito ${f.stage.to} per ${f.position} e per l'interesse dimostrato nei confronti della mia candidatura.`,
    (f) => `Desidero ${f.you('ringraziarla', 'ringraziarti')} per l'invito ${f.stage.to} per ${f.position}.`,
  ],
  laterThanks: [
    (f) =>
      `${f.you('La ringrazio', 'Ti ringrazio')} per i colloqui avuti finora e per l'invito ${f.stage.to} per ${f.position}.`,
    (f) =>
      `Grazie per il tempo che ${f.you('mi ha', 'mi hai')} dedicato finora e per l'invito ${f.stage.to} per ${f.position}.`,
    (f) =>
      `Desidero ${f.you('ringraziarla', 'ringraziarti')} per i nostri scambi fin qui e per l'invito ${f.stage.to} per ${f.position}.`,
  ],
  withdraw: [
    (f) =>
      `Dopo un'attenta riflessione, ho deciso di ritirare la mia candidatura e pertanto non parteciperò ${f.stage.to}${planned(f)}.`,
    (f) =>
      `Dopo averci riflettuto a lungo, ho deciso di non proseguire con il processo di selezione, quindi non sarò presente ${f.stage.to}${planned(f)}.`,
    (f) => `Ho deciso di ritirare la mia candidatura e devo quindi annullare ${f.stage.the}${planned(f)}.`,
  ],
  apology: [
    (f) =>
      `Ho voluto ${f.you('comunicarglielo', 'comunicartelo')} il prima possibile e mi scuso per il disagio.`,
    (f) => `Mi scuso per l'eventuale disagio che questo possa ${f.you('causarle', 'causarti')}.`,
    (f) =>
      `${f.you('Le chiedo', 'Ti chiedo')} scusa per il disagio; ho preferito ${f.you('avvisarla', 'avvisarti')} non appena ho preso la decisione.`,
  ],
  apologyShortNotice: [
    (f) =>
      `Mi scuso per il breve preavviso e per il disagio che questo può ${f.you('causarle', 'causarti')}.`,
    (f) => `${f.you('Le chiedo', 'Ti chiedo')} scusa per il poco preavviso e per l'inconveniente.`,
    (f) => `Mi dispiace ${f.you('avvisarla', 'avvisarti')} con così poco anticipo e mi scuso per il disagio.`,
  ],
  reasonFragment: (fragment) => `Il motivo, in breve: ${fragment}.`,
  offerFragment: [
    (fragment, f) =>
      `Se può ${f.you('interessarle', 'interessarti')}, sarei felice di parlare di un'alternativa: ${fragment}.`,
    (fragment, f) =>
      `Sarei comunque felice di parlare di un'alternativa, se ${f.you('le', 'ti')} interessa: ${fragment}.`,
  ],
  door: [
    (f) =>
      `Spero che le nostre strade si incrocino di nuovo e auguro ${f.you('a lei', 'a te')} e a tutto il team un buon proseguimento.`,
    (f) => `Mi farebbe piacere restare in contatto; ${f.you('le', 'ti')} auguro ogni successo.`,
    () => "Spero che in futuro ci sia l'occasione di collaborare.",
  ],
  closings: {
    formal: ['Cordiali saluti,', 'Un cordiale saluto,', 'Cordialmente,'],
    informal: ['Un saluto,', 'Un caro saluto,', 'Saluti,'],
  },
  sentenceStart:
    /^(?:io|mi|mio|mia|miei|ho|sono|sarei|vorrei|potrei|abbiamo|se|forse|purtroppo|poiché|poiche|dato|avendo|dopo|per|è|e)(?![\p{L}])/iu,
  subject: 'Ritiro della mia candidatura',
  keepInTouch: {
    subject: 'Un saluto',
    body: (f) => [
      `Spero che ${f.you('stia', 'tu stia')} bene. Qualche mese fa ho ritirato la mia candidatura${f.role ? ` per la posizione di ${f.role}` : ''} e desidero ${f.you('ringraziarla', 'ringraziarti')} ancora per l'invito di allora.`,
      'Se dovesse aprirsi una posizione adatta al mio profilo, sarei felice di saperlo.',
    ],
    closing: (f) => f.you('Cordiali saluti,', 'Un saluto,'),
  },
};
