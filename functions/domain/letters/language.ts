import type { LetterLanguage } from '../model.js';

/** Every language Bowout writes letters in, with the names a user may write for it. */
export const LETTER_LANGUAGES: Record<LetterLanguage, { english: string; names: string[] }> = {
  en: {
    english: 'English',
    names: ['english', 'englisch', 'anglais', 'inglés', 'ingles', 'inglese', 'engels', 'inglês'],
  },
  de: {
    english: 'German',
    names: ['german', 'deutsch', 'allemand', 'alemán', 'aleman', 'tedesco', 'duits', 'alemão'],
  },
  fr: {
    english: 'French',
    names: [
      'french',
      'französisch',
      'français',
      'francais',
      'francés',
      'frances',
      'francese',
      'frans',
      'francês',
    ],
  },
  es: {
    english: 'Spanish',
    names: [
      'spanish',
      'spanisch',
      'espagnol',
      'español',
      'espanol',
      'castellano',
      'spagnolo',
      'spaans',
      'espanhol',
    ],
  },
  it: { english: 'Italian', names: ['italian', 'italienisch', 'italien', 'italiano', 'italiaans'] },
  nl: {
    english: 'Dutch',
    names: [
      'dutch',
      'niederländisch',
      'néerlandais',
      'neerlandés',
      'olandese',
      'nederlands',
      'holandês',
      'flemish',
      'vlaams',
    ],
  },
  pt: {
    english: 'Portuguese',
    names: [
      'portuguese',
      'portugiesisch',
      'portugais',
      'portugués',
      'portoghese',
      'portugees',
      'português',
      'portugues',
    ],
  },
};

export const LANGUAGE_CODES = Object.keys(LETTER_LANGUAGES) as LetterLanguage[];

export function isLetterLanguage(value: unknown): value is LetterLanguage {
  return typeof value === 'string' && Object.hasOwn(LETTER_LANGUAGES, value);
}

/** "de", "DE", "de-AT", "pt_BR", "German", "Deutsch": the letter language meant, or null. */
export function readLanguage(text: string | null | undefined): LetterLanguage | null {
  const word =
    text
      ?.trim()
      .toLowerCase()
      .replace(/[.!]+$/, '') ?? '';
  const code = word.match(/^([a-z]{2})(?:[-_][a-z]{2,4})?$/)?.[1];
  if (isLetterLanguage(code)) return code;
  for (const language of LANGUAGE_CODES) {
    if (LETTER_LANGUAGES[language].names.includes(word)) return language;
  }
  return null;
}

/**
 * The language a new case's letter is written in: the invite's own, else the one the user set as their
 * default, else English.
 */
export function chooseLanguage(invite: LetterLanguage | null, userDefault: string | null): LetterLanguage {
  return invite ?? readLanguage(userDefault) ?? 'en';
}
