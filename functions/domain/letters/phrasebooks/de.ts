import type { InterviewWhen } from '../dates.js';
import { type Phrasebook, positionPhrase, timePhrase } from '../phrasebook.js';

/** " am Dienstag, 8. Dezember um 10:00 Uhr", " heute um 15:00 Uhr", " morgen um 10:00 Uhr", or nothing. */
function when(w: InterviewWhen | null): string {
  return timePhrase(w, {
    today: ({ time }) => ` heute um ${time} Uhr`,
    tomorrow: ({ time }) => ` morgen um ${time} Uhr`,
    later: ({ date, time }) => ` am ${date} um ${time} Uhr`,
  });
}

// A job title as advertised keeps its "(m/w/d)": it names the position, not the writer.
export const de: Phrasebook = {
  language: 'de',
  position: positionPhrase({
    both: (role, company) => `die Position ${role} bei ${company}`,
    role: (role) => `die Position ${role}`,
    company: (company) => `die ausgeschriebene Stelle bei ${company}`,
    neither: 'die ausgeschriebene Stelle',
  }),
  stages: {
    interview: { the: 'das Vorstellungsgespräch', to: 'zum Vorstellungsgespräch', feminine: false },
    'phone-screen': { the: 'das Telefoninterview', to: 'zum Telefoninterview', feminine: false },
    final: { the: 'das abschließende Gespräch', to: 'zum abschließenden Gespräch', feminine: false },
    assessment: { the: 'das Assessment', to: 'zum Assessment', feminine: false },
    next: { the: 'das nächste Gespräch', to: 'zum nächsten Gespräch', feminine: false },
  },
  greeting(person, style, _company) {
    if (!person) return style.formal ? 'Guten Tag,' : 'Hallo,';
    if ((style.firstNames || !style.formal) && person.first) return `Hallo ${person.first},`;
    if (style.salutation && person.last) {
      const title = person.title ? `${person.title} ` : '';
      return style.salutation === 'ms'
        ? `Sehr geehrte Frau ${title}${person.last},`
        : `Sehr geehrter Herr ${title}${person.last},`;
    }
    return `Guten Tag ${person.full},`;
  },
  lowerAfterGreeting: true,
  thanks: [
    (f) => `vielen Dank für die Einladung ${f.stage.to} für ${f.position}.`,
    (f) =>
      `herzlichen Dank für ${f.you('Ihre', 'deine')} Einladung ${f.stage.to} und für ${f.you('Ihr', 'dein')} Interesse an meiner Bewerbung für ${f.position}.`,
    (f) =>
      `vielen Dank, dass ${f.you('Sie mich', 'du mich')} ${f.stage.to} für ${f.position} eingeladen ${f.you('haben', 'hast')}.`,
  ],
  laterThanks: [
    (f) =>
      `vielen Dank für die bisherigen Gespräche zu meiner Bewerbung für ${f.position} und für die Einladung ${f.stage.to}.`,
    (f) =>
      `herzlichen Dank für ${f.you('Ihre', 'deine')} Zeit in den bisherigen Gesprächen und für die Einladung ${f.stage.to} für ${f.position}.`,
    (f) =>
      `vielen Dank für den bisherigen Austausch und dafür, dass ${f.you('Sie mich', 'du mich')} ${f.stage.to} für ${f.position} eingeladen ${f.you('haben', 'hast')}.`,
  ],
  withdraw: [
    (f) =>
      `Nach reiflicher Überlegung habe ich mich jedoch entschieden, meine Bewerbung zurückzuziehen, und werde daher${when(f.when)} nicht ${f.stage.to} kommen.`,
    (f) =>
      `Nach sorgfältiger Überlegung ziehe ich meine Bewerbung zurück und sage den Termin${when(f.when)} hiermit ab.`,
    (f) =>
      `Ich habe mich nach reiflicher Überlegung entschieden, meine Bewerbung zurückzuziehen, und nehme den Termin${when(f.when)} daher nicht wahr.`,
  ],
  apology: [
    (f) =>
      `Ich wollte ${f.you('Ihnen', 'dir')} das so früh wie möglich mitteilen und bitte um Entschuldigung für die Umstände.`,
    (f) =>
      `${f.you('Bitte entschuldigen Sie', 'Bitte entschuldige')} die Umstände, die ${f.you('Ihnen', 'dir')} dadurch entstehen.`,
    (f) =>
      `Es tut mir leid, falls ${f.you('Ihnen', 'dir')} dadurch Umstände entstehen; ich wollte ${f.you('Ihnen', 'dir')} so früh wie möglich Bescheid geben.`,
  ],
  apologyShortNotice: [
    (f) =>
      `${f.you('Bitte entschuldigen Sie', 'Bitte entschuldige')} die kurzfristige Absage und die Umstände, die ${f.you('Ihnen', 'dir')} dadurch entstehen.`,
    () =>
      'Es tut mir leid, dass ich so kurzfristig absage, und ich bitte um Entschuldigung für die Umstände.',
    (f) =>
      `Für die kurzfristige Absage und die damit verbundenen Umstände bitte ich ${f.you('Sie', 'dich')} um Entschuldigung.`,
  ],
  reasonFragment: (fragment) => `Der Grund, kurz gesagt: ${fragment}.`,
  offerFragment: [
    (fragment, f) =>
      `${f.you('Falls Sie Interesse haben', 'Falls du Interesse hast')}, würde ich mich freuen, über eine Alternative zu sprechen: ${fragment}.`,
    (fragment) => `Sehr gern würde ich aber über eine Alternative sprechen: ${fragment}.`,
  ],
  door: [
    (f) =>
      `Ich hoffe, dass sich unsere Wege in Zukunft wieder kreuzen, und wünsche ${f.you('Ihnen', 'dir')} und ${f.company ? `dem Team von ${f.company}` : f.you('Ihrem Team', 'deinem Team')} alles Gute.`,
    (f) =>
      `Ich würde mich freuen, in Kontakt zu bleiben, und wünsche ${f.you('Ihnen und Ihrem', 'dir und deinem')} Team viel Erfolg.`,
    () =>
      'Vielleicht ergibt sich in Zukunft eine andere Gelegenheit zur Zusammenarbeit – darüber würde ich mich freuen.',
  ],
  // German closings take no comma.
  closings: {
    formal: ['Mit freundlichen Grüßen', 'Freundliche Grüße', 'Beste Grüße'],
    informal: ['Viele Grüße', 'Beste Grüße', 'Herzliche Grüße'],
  },
  sentenceStart:
    /^(?:ich|mein|meine|meinen|meinem|meiner|wir|unser|unsere|leider|gerne|gern|falls|wenn|vielleicht|weil|nachdem|da (?:ich|wir)|aus (?:persönlichen|familiären|gesundheitlichen) gründen)(?![\p{L}])/iu,
  subject: 'Rücknahme meiner Bewerbung',
  keepInTouch: {
    subject: 'In Kontakt bleiben',
    body: (f) => [
      `ich hoffe, es geht ${f.you('Ihnen', 'dir')} gut. Vor einigen Monaten habe ich meine Bewerbung${f.role ? ` für die Position ${f.role}` : ''} zurückgezogen; für die damalige Einladung möchte ich mich noch einmal bedanken.`,
      `Falls eine passende Stelle frei wird, würde ich mich freuen, von ${f.you('Ihnen', 'dir')} zu hören.`,
    ],
    closing: (f) => f.you('Freundliche Grüße', 'Viele Grüße'),
  },
};
