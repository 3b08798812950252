import type { InterviewWhen } from '../dates.js';
import { type LetterFacts, type Phrasebook, positionPhrase, timePhrase } from '../phrasebook.js';

/** " prevista para terça-feira, 8 de dezembro, às 10h", " … para hoje à 1h", or nothing. */
function planned(f: LetterFacts): string {
  const at = (w: InterviewWhen) => `${w.hour === 1 ? 'à' : 'às'} ${w.time}`;
  const agreed = f.stage.feminine ? 'prevista' : 'previsto';
  return timePhrase(f.when, {
    today: (w) => ` ${agreed} para hoje ${at(w)}`,
    tomorrow: (w) => ` ${agreed} para amanhã ${at(w)}`,
    later: (w) => ` ${agreed} para ${w.date}, ${at(w)}`,
  });
}

// Words common to Brazil and Portugal where they differ (no "equipe/equipa", "contato/contacto"), and
// nothing that agrees with the writer ("obrigado/obrigada"): "Agradeço" instead.
export const pt: Phrasebook = {
  language: 'pt',
  position: positionPhrase({
    both: (role, company) => `a vaga de ${role} na empresa ${company}`,
    role: (role) => `a vaga de ${role}`,
    company: (company) => `a vaga na empresa ${company}`,
    neither: 'a vaga',
  }),
  stages: {
    interview: { the: 'a entrevista', to: 'à entrevista', feminine: true },
    'phone-screen': { the: 'a entrevista por telefone', to: 'à entrevista por telefone', feminine: true },
    final: { the: 'a entrevista final', to: 'à entrevista final', feminine: true },
    assessment: { the: 'a avaliação', to: 'à avaliação', feminine: true },
    next: { the: 'a próxima entrevista', to: 'à próxima entrevista', feminine: true },
  },
  greeting(person, style, _company) {
    if (!person) return style.formal ? 'Prezados,' : 'Olá,';
    if ((style.firstNames || !style.formal) && person.first) return `Olá, ${person.first},`;
    if (style.salutation && person.last) {
      const ms = style.salutation === 'ms';
      const title = person.title && /^d/i.test(person.title) ? (ms ? 'Dra.' : 'Dr.') : ms ? 'Sra.' : 'Sr.';
      return `${ms ? 'Prezada' : 'Prezado'} ${title} ${person.last},`;
    }
    return `Olá, ${person.full.replace(/^(?:Dr|Dra|Prof)\.?\s+/i, '')},`;
  },
  lowerAfterGreeting: false,
  thanks: [
    (f) => `Agradeço muito o convite para ${f.stage.the} referente ${f.position.replace(/^a /, 'à ')}.`,
    (f) =>
      `Agradeço o convite para ${f.stage.the} e o interesse na minha candidatura ${f.position.replace(/^a /, 'à ')}.`,
    (f) => `Quero agradecer o convite para ${f.stage.the} para ${f.position}.`,
  ],
  laterThanks: [
    (f) => `Agradeço as conversas que tivemos até agora sobre ${f.position} e o convite para ${f.stage.the}.`,
    (f) =>
      `Agradeço o tempo dedicado às nossas conversas até aqui e o convite para ${f.stage.the} referente ${f.position.replace(/^a /, 'à ')}.`,
    (f) => `Quero agradecer as conversas até agora e o convite para ${f.stage.the} para ${f.position}.`,
  ],
  withdraw: [
    (f) =>
      `Após uma reflexão cuidadosa, decidi retirar a minha candidatura e, por isso, não comparecerei ${f.stage.to}${planned(f)}.`,
    (f) =>
      `Depois de pensar com calma, decidi não continuar no processo seletivo e, portanto, não estarei presente ${f.stage.to.replace(/^à /, 'na ')}${planned(f)}.`,
    (f) => `Decidi retirar a minha candidatura e, por isso, preciso cancelar ${f.stage.the}${planned(f)}.`,
  ],
  apology: [
    () => 'Quis avisar o quanto antes e peço desculpas pelo transtorno que isso possa causar.',
    () => 'Peço desculpas por qualquer inconveniente que isso possa causar.',
    () => 'Lamento o transtorno; preferi avisar assim que tomei a decisão.',
  ],
  apologyShortNotice: [
    () => 'Peço desculpas por avisar com tão pouca antecedência e pelo transtorno que isso possa causar.',
    () => 'Lamento avisar tão tarde e peço desculpas pelo inconveniente.',
    () => 'Peço desculpas pelo aviso tardio e por qualquer transtorno.',
  ],
  reasonFragment: (fragment) => `O motivo, em poucas palavras: ${fragment}.`,
  offerFragment: [
    (fragment) => `Se for do seu interesse, ficaria feliz em conversar sobre uma alternativa: ${fragment}.`,
    (fragment) =>
      `Ainda assim, ficaria feliz em conversar sobre uma alternativa, se for do seu interesse: ${fragment}.`,
  ],
  door: [
    () => 'Espero que os nossos caminhos se cruzem novamente e desejo muito sucesso a todos.',
    () => 'Desejo a todos muito sucesso e espero que tenhamos outra oportunidade no futuro.',
    () => 'Quem sabe surja uma nova oportunidade de trabalharmos juntos no futuro.',
  ],
  closings: {
    formal: ['Atenciosamente,', 'Cordialmente,', 'Com os melhores cumprimentos,'],
    informal: ['Um abraço,', 'Abraços,', 'Cordialmente,'],
  },
  sentenceStart:
    /^(?:eu|me|meu|minha|tenho|estou|estaria|gostaria|poderia|aceitei|decidi|nós|se|talvez|infelizmente|como|devido|por|já|acabei|é)(?![\p{L}])/iu,
  subject: 'Retirada da minha candidatura',
  keepInTouch: {
    subject: 'Um olá',
    body: (f) => [
      `Espero que esteja tudo bem. Há alguns meses retirei a minha candidatura${f.role ? ` para a vaga de ${f.role}` : ''} e quero agradecer novamente pelo convite que recebi.`,
      'Se surgir uma vaga adequada ao meu perfil, ficaria feliz em saber.',
    ],
    closing: (f) => f.you('Atenciosamente,', 'Um abraço,'),
  },
};
