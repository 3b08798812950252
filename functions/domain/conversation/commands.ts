import EmailReplyParser from 'email-reply-parser';
import { readLanguage } from '../letters/language.js';
import type { LetterLanguage } from '../model.js';

/**
 * A command read from the user's reply to a draft. Only the lines the user wrote count: quoted history,
 * "On … wrote:" blocks and signatures are removed first. Anything unreadable is UNCLEAR, which gets a
 * short HELP answer rather than silence.
 */
export type Command =
  | { kind: 'SEND' }
  | { kind: 'SEND_AGAIN' }
  | { kind: 'CANCEL' }
  | { kind: 'EDIT'; body: string }
  | { kind: 'REASON'; text: string }
  | { kind: 'OFFER'; text: string }
  | { kind: 'TO'; address: string; name?: string }
  | { kind: 'LANG'; language: LetterLanguage }
  | { kind: 'REMIND'; when: string }
  | { kind: 'STOP' }
  | { kind: 'STOP_ALL' }
  | { kind: 'HELP' }
  | SettingCommand
  | { kind: 'UNCLEAR'; reason: 'empty' | 'unknown' | 'missing-argument' | 'bad-address' | 'bad-language' };

const replyParser = new EmailReplyParser();

// Where quoted history starts, for what the reply parser lets through (localised "wrote:" lines,
// Outlook separators and header blocks).
const QUOTE_START = [
  /^On .{0,200}wrote:\s*$/i,
  /^Am .{0,200}schrieb.*:\s*$/i,
  /^Le .{0,200}a écrit\s*:\s*$/i,
  /^El .{0,200}escribió:\s*$/i,
  /^-{2,}\s*(Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)/i,
  /^_{5,}\s*$/,
  /^(From|Von|De|Da):\s.+/i,
  /^-- ?$/,
];

const MAX_REPLY_CHARS = 20_000;

// Lines a mail app adds under what the user wrote: not part of a letter the user typed.
const APP_FOOTER =
  /^(?:sent from my |sent from (?:outlook|mail|yahoo mail|gmail)|get outlook for |von meinem .* gesendet|gesendet von |envoyé de mon |envoyé depuis |enviado desde mi |enviado desde |inviato da |verzonden (?:vanaf|met) |enviado do meu |enviado a partir do )/i;

/**
 * The lines the user wrote themselves, trimmed, blank lines kept between paragraphs. `keepSignOff`
 * keeps what the reply parser takes for a signature ("Kind regards,\nLena"), for EDIT, whose text is the
 * letter itself; a "-- " signature and a mail app's footer are dropped either way.
 */
export function ownText(text: string, options: { keepSignOff?: boolean } = {}): string {
  const bounded = text.replace(/\r\n?/g, '\n').slice(0, MAX_REPLY_CHARS);
  let visible: string;
  try {
    visible = options.keepSignOff ? unquoted(bounded) : replyParser.parseReply(bounded);
  } catch {
    visible = bounded;
  }
  const lines: string[] = [];
  for (const raw of visible.split('\n')) {
    const line = raw.trimEnd();
    if (QUOTE_START.some((pattern) => pattern.test(line.trim()))) break;
    if (options.keepSignOff && APP_FOOTER.test(line.trim())) break;
    if (line.trimStart().startsWith('>')) continue;
    lines.push(line);
  }
  return lines.join('\n').replace(/^\s+|\s+$/g, '');
}

/** The reply up to its quoted history, signature-like lines included. */
function unquoted(text: string): string {
  const kept: string[] = [];
  for (const fragment of replyParser.read(text).getFragments()) {
    if (fragment.isQuoted()) break;
    kept.push(fragment.getContent());
  }
  return kept.join('\n');
}

/** The non-empty lines the user wrote. */
export function ownLines(text: string): string[] {
  return ownText(text)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const SEND =
  /^(?:send|send it|send now|yes,?\s*send(?: it)?|please send(?: it)?|ok,?\s*send(?: it)?|go ahead and send(?: it)?)[\s.!]*$/i;
const SEND_AGAIN = /^(?:send again|resend|send it again)[\s.!]*$/i;
const CANCEL = /^(?:cancel|discard|don'?t send(?: it)?|do not send(?: it)?|delete)[\s.!]*$/i;
const STOP_ALL = /^stop\s+all[\s.!]*$/i;
const STOP = /^(?:stop|unsubscribe|no more reminders)[\s.!]*$/i;
const HELP = /^(?:help|\?|commands)[\s.!?]*$/i;
const WITH_ARGUMENT = /^(edit|reason|offer|to|remind|lang|language)\b[\s:,-]*(.*)$/i;
const ADDRESS = /^<?([a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+)>?\.?$/i;
// "Tom Whitaker <tom@example.com>", "\"Whitaker, Tom\" <tom@example.com>"
const NAMED_ADDRESS = /^"?([^"<>@]{1,100}?)"?\s*<([^<>\s]+)>\.?$/;

/** TO's argument: an address, or a name and an address as a mail app writes them. */
function readRecipient(rest: string): Command {
  const named = rest.match(NAMED_ADDRESS);
  const address = (named ? `<${named[2]}>` : rest).match(ADDRESS)?.[1]?.toLowerCase();
  if (!address) return { kind: 'UNCLEAR', reason: 'bad-address' };
  const name = named?.[1]?.trim().replace(/\s+/g, ' ');
  return name ? { kind: 'TO', address, name } : { kind: 'TO', address };
}

/** Reads the command from the reply's first line of the user's own text. Case-insensitive. */
export function parseCommand(text: string): Command {
  const own = ownText(text);
  const lines = own.split('\n');
  const first = lines.find((line) => line.trim() !== '')?.trim() ?? '';
  if (first === '') return { kind: 'UNCLEAR', reason: 'empty' };
  if (SEND.test(first)) return { kind: 'SEND' };
  if (SEND_AGAIN.test(first)) return { kind: 'SEND_AGAIN' };
  if (CANCEL.test(first)) return { kind: 'CANCEL' };
  if (STOP_ALL.test(first)) return { kind: 'STOP_ALL' };
  if (STOP.test(first)) return { kind: 'STOP' };
  if (HELP.test(first)) return { kind: 'HELP' };
  const setting = parseSettingCommand(first);
  if (setting) return setting;
  const match = first.match(WITH_ARGUMENT);
  if (!match) return { kind: 'UNCLEAR', reason: 'unknown' };
  const keyword = (match[1] ?? '').toUpperCase();
  const rest = (match[2] ?? '').trim();
  switch (keyword) {
    case 'EDIT': {
      // The new cancellation is everything the user wrote after the EDIT keyword, sign-off included.
      const letter = ownText(text, { keepSignOff: true });
      const after = letter.slice(letter.indexOf(first) + first.length);
      const body = [rest, after]
        .filter(Boolean)
        .join('\n')
        .replace(/^\s+|\s+$/g, '');
      return body ? { kind: 'EDIT', body } : { kind: 'UNCLEAR', reason: 'missing-argument' };
    }
    case 'TO':
      return rest ? readRecipient(rest) : { kind: 'UNCLEAR', reason: 'missing-argument' };
    case 'LANG':
    case 'LANGUAGE': {
      if (!rest) return { kind: 'UNCLEAR', reason: 'missing-argument' };
      const language = readLanguage(rest);
      return language ? { kind: 'LANG', language } : { kind: 'UNCLEAR', reason: 'bad-language' };
    }
    default:
      if (!rest) return { kind: 'UNCLEAR', reason: 'missing-argument' };
      return keyword === 'REASON'
        ? { kind: 'REASON', text: rest.slice(0, 300) }
        : keyword === 'OFFER'
          ? { kind: 'OFFER', text: rest.slice(0, 300) }
          : { kind: 'REMIND', when: rest.slice(0, 100) };
  }
}

// ---------------------------------------------------------------------------------------------------
// Settings, the user's own data, and corrections of a case. They work in a reply to any Bowout mail:
// at a case's address (WHEN and CONFIRM act on that case) and at the user's own address, which the
// mail that answers no case carries (conversation/reply.ts). LANG is read with the case's commands: at
// a case's address it rewrites that letter, and everywhere it sets the user's default language.

export type SettingCommand =
  | { kind: 'ZONE'; zone: string }
  | { kind: 'NAME'; name: string }
  | { kind: 'STATUS' }
  | { kind: 'FORGET' }
  | { kind: 'WHEN'; when: string }
  | { kind: 'CONFIRM' };

const STATUS = /^(?:status|my cases|list)[\s.!?]*$/i;
const FORGET = /^(?:forget(?: me| everything| all| my data)?|delete my data|delete everything)[\s.!]*$/i;
const CONFIRM = /^(?:confirm|yes,? confirm|confirmed)[\s.!]*$/i;
const SETTING_WITH_ARGUMENT = /^(zone|timezone|time zone|name|when)\b[\s:,-]*(.*)$/i;

/** A setting or data command on the first line the user wrote, or null when the line is none of them. */
export function parseSettingCommand(
  first: string,
): SettingCommand | Extract<Command, { kind: 'UNCLEAR' }> | null {
  if (STATUS.test(first)) return { kind: 'STATUS' };
  if (FORGET.test(first)) return { kind: 'FORGET' };
  if (CONFIRM.test(first)) return { kind: 'CONFIRM' };
  const match = first.match(SETTING_WITH_ARGUMENT);
  if (!match) return null;
  const keyword = (match[1] ?? '').toLowerCase().replace(/\s+/g, '');
  const rest = (match[2] ?? '').trim().slice(0, 200);
  if (!rest) return { kind: 'UNCLEAR', reason: 'missing-argument' };
  switch (keyword) {
    case 'zone':
    case 'timezone':
      return { kind: 'ZONE', zone: rest };
    case 'name':
      return { kind: 'NAME', name: rest };
    default:
      return { kind: 'WHEN', when: rest };
  }
}
