import { type LetterFacts, type Phrasebook, positionPhrase, timePhrase } from '../phrasebook.js';

/** " prévu le mardi 8 décembre à 10 h", " prévue aujourd'hui à 15 h", " prévu demain à 10 h", or nothing. */
function planned(f: LetterFacts): string {
  const agreed = f.stage.feminine ? 'prévue' : 'prévu';
  return timePhrase(f.when, {
    today: ({ time }) => ` ${agreed} aujourd'hui à ${time}`,
    tomorrow: ({ time }) => ` ${agreed} demain à ${time}`,
    later: ({ date, time }) => ` ${agreed} le ${date} à ${time}`,
  });
}

// No adjective or participle agrees with the writer ("ravi(e)", "désolé(e)", "invité(e)"): Bowout does
// not know the user's gender, so every phrasing avoids them.
export const fr: Phrasebook = {
  language: 'fr',
  position: positionPhrase({
    both: (role, company) => `le poste de ${role} chez ${company}`,
    role: (role) => `le poste de ${role}`,
    company: (company) => `le poste proposé chez ${company}`,
    neither: 'le poste proposé',
  }),
  stages: {
    interview: { the: "l'entretien", to: "à l'entretien", feminine: false },
    'phone-screen': { the: "l'entretien téléphonique", to: "à l'entretien téléphonique", feminine: false },
    final: { the: "l'entretien final", to: "à l'entretien final", feminine: false },
    assessment: { the: "l'évaluation", to: "à l'évaluation", feminine: true },
    next: { the: 'le prochain entretien', to: 'au prochain entretien', feminine: false },
  },
  greeting(person, style, _company) {
    if (!person) return 'Bonjour,';
    if ((style.firstNames || !style.formal) && person.first) return `Bonjour ${person.first},`;
    if (style.salutation && person.last) {
      if (person.title && /^prof/i.test(person.title))
        return style.salutation === 'ms'
          ? 'Bonjour Madame la Professeure,'
          : 'Bonjour Monsieur le Professeur,';
      return `Bonjour ${style.salutation === 'ms' ? 'Madame' : 'Monsieur'} ${person.last},`;
    }
    return 'Bonjour,';
  },
  lowerAfterGreeting: false,
  thanks: [
    (f) =>
      `${f.you('Je vous remercie', 'Je te remercie')} sincèrement pour ${f.you('votre', 'ton')} invitation ${f.stage.to} pour ${f.position}.`,
    (f) =>
      `Merci beaucoup pour ${f.you('votre', 'ton')} invitation ${f.stage.to} concernant ${f.position}, ainsi que pour l'intérêt ${f.you('que vous portez', 'que tu portes')} à ma candidature.`,
    (f) =>
      `${f.you('Je vous remercie', 'Je te remercie')} de l'intérêt porté à ma candidature pour ${f.position} et de ${f.you('votre', 'ton')} invitation ${f.stage.to}.`,
  ],
  laterThanks: [
    (f) =>
      `${f.you('Je vous remercie', 'Je te remercie')} pour nos échanges concernant ${f.position} et pour ${f.you('votre', 'ton')} invitation ${f.stage.to}.`,
    (f) =>
      `Merci pour le temps ${f.you("que vous m'avez", "que tu m'as")} consacré lors de nos premiers échanges, ainsi que pour ${f.you('votre', 'ton')} invitation ${f.stage.to} pour ${f.position}.`,
    (f) =>
      `${f.you('Je vous remercie', 'Je te remercie')} pour ces premiers échanges et pour ${f.you('votre', 'ton')} invitation ${f.stage.to} concernant ${f.position}.`,
  ],
  withdraw: [
    (f) =>
      `Après mûre réflexion, j'ai décidé de retirer ma candidature. Je ne me présenterai donc pas ${f.stage.to}${planned(f)}.`,
    (f) =>
      `Après réflexion, je préfère retirer ma candidature et je ne participerai donc pas ${f.stage.to}${planned(f)}.`,
    (f) =>
      `J'ai finalement décidé de ne pas poursuivre le processus de recrutement et je dois donc annuler ${f.stage.the}${planned(f)}.`,
  ],
  apology: [
    (f) =>
      f.you(
        "Je tenais à vous en informer au plus vite et vous prie de m'excuser pour le désagrément occasionné.",
        'Je tenais à te prévenir au plus vite. Excuse-moi pour le désagrément occasionné.',
      ),
    (f) =>
      f.you(
        "Je vous prie de bien vouloir m'excuser pour la gêne occasionnée.",
        'Excuse-moi pour la gêne occasionnée.',
      ),
    (f) =>
      `Toutes mes excuses pour ce contretemps. J'ai tenu à ${f.you('vous', 'te')} prévenir dès que ma décision a été prise.`,
  ],
  apologyShortNotice: [
    (f) =>
      f.you(
        "Je vous prie de m'excuser de vous prévenir si tard, ainsi que pour la gêne occasionnée.",
        'Excuse-moi de te prévenir si tard, ainsi que pour la gêne occasionnée.',
      ),
    () => 'Toutes mes excuses pour ce délai si court et pour le désagrément occasionné.',
    (f) =>
      f.you(
        "Je regrette de vous prévenir aussi tardivement et vous prie de m'excuser pour la gêne occasionnée.",
        'Je regrette de te prévenir aussi tardivement. Excuse-moi pour la gêne occasionnée.',
      ),
  ],
  reasonFragment: (fragment) => `La raison, en quelques mots : ${fragment}.`,
  offerFragment: [
    (fragment, f) =>
      `${f.you('Si cela vous intéresse', "Si cela t'intéresse")}, j'aurais plaisir à échanger sur une autre possibilité : ${fragment}.`,
    (fragment) => `Je reste toutefois disponible pour une autre possibilité : ${fragment}.`,
  ],
  door: [
    (f) =>
      `J'espère que nos chemins se recroiseront et ${f.you("vous souhaite, ainsi qu'à toute votre équipe", "te souhaite, ainsi qu'à toute ton équipe")}, une excellente continuation.`,
    (f) =>
      `Je reste volontiers en contact et ${f.you('vous souhaite', 'te souhaite')} plein succès pour la suite du recrutement.`,
    () => "J'espère que nous aurons l'occasion de collaborer à l'avenir.",
  ],
  closings: {
    formal: ['Bien cordialement,', 'Cordialement,', 'Bien à vous,'],
    informal: ['Bien à toi,', 'Amicalement,', 'Bonne continuation,'],
  },
  sentenceStart:
    /^(?:j['’]|c['’]est|(?:je|mon|ma|mes|nous|si|peut-être|malheureusement|comme|puisque|ayant|après|il|cela)(?![\p{L}]))/iu,
  subject: 'Retrait de ma candidature',
  keepInTouch: {
    subject: 'Prendre des nouvelles',
    body: (f) => [
      `J'espère que ${f.you('vous allez', 'tu vas')} bien. Il y a quelques mois, j'ai retiré ma candidature${f.role ? ` pour le poste de ${f.role}` : ''}, et je tenais à ${f.you('vous remercier encore pour votre', 'te remercier encore pour ton')} invitation à l'époque.`,
      `Si un poste correspondant à mon profil se libère, ${f.you("n'hésitez pas", "n'hésite pas")} à me contacter.`,
    ],
    closing: (f) => f.you('Bien cordialement,', 'Bien à toi,'),
  },
};
