import type { InterviewWhen } from '../dates.js';
import { type LetterFacts, type Phrasebook, positionPhrase, timePhrase } from '../phrasebook.js';

/** " on Tuesday 8 December at 14:00", " later today at 15:00", " tomorrow at 10:00", or nothing. */
function when(w: InterviewWhen | null): string {
  return timePhrase(w, {
    today: ({ time }) => ` later today at ${time}`,
    tomorrow: ({ time }) => ` tomorrow at ${time}`,
    later: ({ date, time }) => ` on ${date} at ${time}`,
  });
}

/** The interview as a first mention: "an interview", "a phone interview", "the final interview". */
function invitedTo(f: LetterFacts): string {
  return f.stageKind === 'interview'
    ? 'an interview'
    : f.stageKind === 'phone-screen'
      ? 'a phone interview'
      : f.stage.the;
}

export const en: Phrasebook = {
  language: 'en',
  position: positionPhrase({
    both: (role, company) => `the ${role} position at ${company}`,
    role: (role) => `the ${role} position`,
    company: (company) => `the position at ${company}`,
    neither: 'the position',
  }),
  stages: {
    interview: { the: 'the interview', to: 'the interview', feminine: false },
    'phone-screen': { the: 'the phone interview', to: 'the phone interview', feminine: false },
    final: { the: 'the final interview', to: 'the final interview', feminine: false },
    assessment: { the: 'the assessment', to: 'the assessment', feminine: false },
    next: { the: 'the next interview', to: 'the next interview', feminine: false },
  },
  greeting(person, style, company) {
    if (!person) return company ? `Dear ${company} hiring team,` : 'Hello,';
    const hello = style.formal ? 'Dear' : 'Hi';
    if (person.title && person.last) return `Dear ${person.title} ${person.last},`;
    if (!style.firstNames && style.salutation && person.last)
      return `Dear ${style.salutation === 'ms' ? 'Ms' : 'Mr'} ${person.last},`;
    if (person.first) return `${hello} ${person.first},`;
    return `Dear ${person.full},`;
  },
  lowerAfterGreeting: false,
  thanks: [
    (f) => `Thank you very much for inviting me to ${invitedTo(f)} for ${f.position}.`,
    (f) =>
      `Thank you for the invitation to ${invitedTo(f)} for ${f.position}, and for considering my application.`,
    (f) => `Many thanks for your invitation to ${invitedTo(f)} for ${f.position}.`,
  ],
  laterThanks: [
    (f) =>
      `Thank you for the conversations we have had so far about ${f.position}, and for inviting me to ${f.stage.to}.`,
    (f) =>
      `Thank you for your time in our conversations so far, and for the invitation to ${f.stage.to} for ${f.position}.`,
    (f) => `Many thanks for the conversations so far and for inviting me to ${f.stage.to} for ${f.position}.`,
  ],
  withdraw: [
    (f) =>
      `After careful consideration, I have decided to withdraw my application, so I will not attend ${f.stage.the}${when(f.when)}.`,
    (f) =>
      `Having thought it over carefully, I have decided to withdraw from the process, and I will therefore not attend ${f.stage.the}${when(f.when)}.`,
    (f) =>
      `I have decided to withdraw my application and will not be attending ${f.stage.the}${when(f.when)}.`,
  ],
  apology: [
    () =>
      'I wanted to let you know as soon as possible, and I apologise for any inconvenience this may cause.',
    () => 'I am sorry for any inconvenience this may cause, and wanted to let you know as early as I could.',
    () => 'Please accept my apologies for any inconvenience; I wanted to tell you as soon as I had decided.',
  ],
  apologyShortNotice: [
    () => 'I am sorry for the short notice and for any inconvenience this causes.',
    () => 'Please accept my apologies for the short notice and for the inconvenience.',
    () => 'I apologise for letting you know at such short notice, and for any inconvenience this causes.',
  ],
  reasonFragment: (fragment) => `My reason, briefly: ${fragment}.`,
  offerFragment: [
    (fragment) =>
      /^to\s/i.test(fragment)
        ? `If it is of interest, I would still be glad ${fragment}.`
        : `If it is of interest, I would be glad to talk about ${fragment}.`,
    (fragment) =>
      /^to\s/i.test(fragment)
        ? `I would still be glad ${fragment}, if that is of interest to you.`
        : `I would still be glad to talk about ${fragment}, if that is of interest to you.`,
  ],
  door: [
    (f) =>
      `I hope our paths cross again, and I wish you and the team${f.company ? ` at ${f.company}` : ''} all the best.`,
    (f) => `I would be glad to stay in touch, and I wish ${f.company ?? 'you and your team'} every success.`,
    () => 'I hope there will be another opportunity to work together in the future.',
  ],
  closings: {
    formal: ['Kind regards,', 'Best regards,', 'With kind regards,'],
    informal: ['Best wishes,', 'All the best,', 'Best regards,'],
  },
  sentenceStart:
    /^(?:i|i'm|i’m|i've|i’ve|i'd|i’d|i'll|i’ll|my|we|if|perhaps|maybe|should|unfortunately|since|as|due|because|having|after|please|it|this|there)\b/i,
  subject: 'Withdrawing from the interview',
  keepInTouch: {
    subject: 'Keeping in touch',
    body: (f) => [
      `I hope all is well${f.company ? ` at ${f.company}` : ''}. A few months ago I withdrew from the interview process${f.role ? ` for the ${f.role} role` : ''}, and I would like to thank you once more for the invitation at the time.`,
      'If a position comes up that might suit me, I would be glad to hear from you.',
    ],
    closing: () => 'Best wishes,',
  },
};
