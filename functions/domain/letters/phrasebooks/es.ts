import type { InterviewWhen } from '../dates.js';
import { type LetterFacts, type Phrasebook, positionPhrase, timePhrase } from '../phrasebook.js';

/** " prevista para el martes 8 de diciembre a las 10:00", " … para hoy a la 1:00", or nothing. */
function planned(f: LetterFacts): string {
  const at = (w: InterviewWhen) => `${w.hour === 1 ? 'a la' : 'a las'} ${w.time}`;
  const agreed = f.stage.feminine ? 'prevista' : 'previsto';
  return timePhrase(f.when, {
    today: (w) => ` ${agreed} para hoy ${at(w)}`,
    tomorrow: (w) => ` ${agreed} para mañana ${at(w)}`,
    later: (w) => ` ${agreed} para el ${w.date} ${at(w)}`,
  });
}

// Greetings end with a colon, as Spanish letters do. No adjective agrees with the writer ("encantado/a").
export const es: Phrasebook = {
  language: 'es',
  position: positionPhrase({
    both: (role, company) => `el puesto de ${role} en ${company}`,
    role: (role) => `el puesto de ${role}`,
    company: (company) => `el puesto en ${company}`,
    neither: 'el puesto',
  }),
  stages: {
    interview: { the: 'la entrevista', to: 'a la entrevista', feminine: true },
    'phone-screen': { the: 'la entrevista telefónica', to: 'a la entrevista telefónica', feminine: true },
    final: { the: 'la entrevista final', to: 'a la entrevista final', feminine: true },
    assessment: { the: 'la prueba de evaluación', to: 'a la prueba de evaluación', feminine: true },
    next: { the: 'la siguiente entrevista', to: 'a la siguiente entrevista', feminine: true },
  },
  greeting(person, style, company) {
    if (!person) return company ? `Estimado equipo de ${company}:` : 'Buenos días:';
    const titled = (ms: string, mr: string) => (style.salutation === 'ms' ? ms : mr);
    if (style.salutation && person.first && (style.firstNames || !style.formal))
      return `${style.formal ? titled('Estimada', 'Estimado') : 'Hola,'} ${person.first}:`;
    if ((style.firstNames || !style.formal) && person.first) return `Hola, ${person.first}:`;
    if (style.salutation && person.last) {
      const title = person.title && /^d/i.test(person.title) ? titled('Dra.', 'Dr.') : titled('Sra.', 'Sr.');
      return `${titled('Estimada', 'Estimado')} ${title} ${person.last}:`;
    }
    return `Buenos días, ${person.full.replace(/^(?:Dr|Dra|Prof)\.?\s+/i, '')}:`;
  },
  lowerAfterGreeting: false,
  thanks: [
    (f) => `Muchas gracias por invitarme ${f.stage.to} para ${f.position}.`,
    (f) =>
      `${f.you('Le agradezco', 'Te agradezco')} mucho la invitación ${f.stage.to} para ${f.position} y el interés en mi candidatura.`,
    (f) => `Gracias por ${f.you('su', 'tu')} invitación ${f.stage.to} para ${f.position}.`,
  ],
  laterThanks: [
    (f) =>
      `Muchas gracias por las conversaciones que hemos mantenido sobre ${f.position} y por invitarme ${f.stage.to}.`,
    (f) =>
      `${f.you('Le agradezco el tiempo que me ha dedicado', 'Te agradezco el tiempo que me has dedicado')} en el proceso hasta ahora y la invitación ${f.stage.to} para ${f.position}.`,
    (f) =>
      `Gracias por ${f.you('su', 'tu')} tiempo en las conversaciones hasta ahora y por la invitación ${f.stage.to} para ${f.position}.`,
  ],
  withdraw: [
    (f) =>
      `Tras pensarlo detenidamente, he decidido retirar mi candidatura, por lo que no asistiré ${f.stage.to}${planned(f)}.`,
    (f) =>
      `Después de reflexionarlo con calma, he decidido no continuar en el proceso de selección y, por tanto, no acudiré ${f.stage.to}${planned(f)}.`,
    (f) => `He decidido retirar mi candidatura y, por ello, debo cancelar ${f.stage.the}${planned(f)}.`,
  ],
  apology: [
    (f) =>
      f.you(
        'Quería comunicárselo cuanto antes y le pido disculpas por las molestias que esto pueda ocasionarle.',
        'Quería comunicártelo cuanto antes y te pido disculpas por las molestias que esto pueda ocasionarte.',
      ),
    (f) =>
      f.you(
        'Disculpe las molestias que esto pueda causarle.',
        'Disculpa las molestias que esto pueda causarte.',
      ),
    (f) =>
      `Lamento las molestias que esto pueda ocasionar; he preferido ${f.you('avisarle', 'avisarte')} en cuanto lo he decidido.`,
  ],
  apologyShortNotice: [
    (f) =>
      f.you(
        'Le pido disculpas por avisar con tan poca antelación y por las molestias que esto pueda ocasionarle.',
        'Te pido disculpas por avisar con tan poca antelación y por las molestias que esto pueda ocasionarte.',
      ),
    (f) =>
      `Lamento avisar con tan poco margen y ${f.you('le ruego que disculpe', 'te pido que disculpes')} las molestias.`,
    (f) =>
      f.you(
        'Disculpe el aviso tan tardío y las molestias que esto le pueda causar.',
        'Disculpa el aviso tan tardío y las molestias que esto te pueda causar.',
      ),
  ],
  reasonFragment: (fragment) => `El motivo, en pocas palabras: ${fragment}.`,
  offerFragment: [
    (fragment, f) =>
      `${f.you('Si le interesa', 'Si te interesa')}, con gusto hablaría de otra posibilidad: ${fragment}.`,
    (fragment, f) => `Con gusto hablaría de otra posibilidad, si ${f.you('le', 'te')} interesa: ${fragment}.`,
  ],
  door: [
    (f) =>
      `Espero que nuestros caminos vuelvan a cruzarse y ${f.you('le deseo mucho éxito a usted', 'te deseo mucho éxito a ti')} y a todo el equipo.`,
    (f) => `Con gusto seguiré en contacto y ${f.you('le', 'te')} deseo lo mejor en el proceso de selección.`,
    () => 'Ojalá tengamos la oportunidad de colaborar en el futuro.',
  ],
  closings: {
    formal: ['Un cordial saludo,', 'Saludos cordiales,', 'Un saludo cordial,'],
    informal: ['Un saludo,', 'Saludos,', 'Un cordial saludo,'],
  },
  sentenceStart:
    /^(?:yo|me|mi|mis|he|estoy|estaría|estaria|tengo|quiero|quisiera|podría|podria|nos|si|quizás|quizas|tal vez|lamentablemente|como|debido|por|ya|acabo|acepté|acepte|es)(?![\p{L}])/iu,
  subject: 'Retirada de mi candidatura',
  keepInTouch: {
    subject: 'Un saludo',
    body: (f) => [
      `Espero que ${f.you('esté', 'estés')} bien. Hace unos meses retiré mi candidatura${f.role ? ` para el puesto de ${f.role}` : ''} y quería ${f.you('agradecerle de nuevo su', 'agradecerte de nuevo tu')} invitación de entonces.`,
      'Si surge un puesto que encaje con mi perfil, me encantaría saberlo.',
    ],
    closing: (f) => f.you('Un cordial saludo,', 'Un saludo,'),
  },
};
