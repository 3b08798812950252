import PostalMime, { type Address, type Email } from 'postal-mime';
import type { Case, CaseState } from '../../functions/domain/model.js';

/**
 * How the console groups mail into cases, from what the local stack itself knows:
 * - Bowout's mail to the user (drafts, notices, nudges) carries the case's reply address in Reply-To;
 *   the case store maps that token to its case, and a case names the forward that opened it.
 * - The user's replies go to such a reply address, and are grouped the same way.
 * - The mail to the employer is the case's `sentMessageId`, the SES message id in the outbox file's name.
 * - The "stay in touch" note is a case of its own opened from the same forward, so it joins that thread.
 * - A notice without a reply address (no invite found, a daily limit) belongs to the user's latest forward
 *   that opened no case.
 * One thread per forward; mail that fits none is listed on its own.
 */

/** What the console shows of one message; bodies are the mail's own, escaped by whoever displays them. */
export interface MailView {
  from: { name: string; address: string } | null;
  to: string[];
  cc: string[];
  replyTo: string[];
  subject: string;
  messageId: string | null;
  /** The Date header as written. */
  date: string | null;
  text: string;
  html: string | null;
  attachments: { filename: string; mimeType: string; size: number }[];
  /** True when a body was cut to MAX_BODY_CHARS. */
  shortened: boolean;
}

/** A message from the outbox (sent by Bowout) or from the raw-mail store (received by Bowout). */
export interface StoredMail {
  /** The SES message id: in the outbox file's name, or the raw mail's key. */
  sesMessageId: string;
  at: Date;
  mail: MailView;
}

export type ItemKind = 'forward' | 'command' | 'to-user' | 'to-employer';

export interface ThreadItem extends StoredMail {
  kind: ItemKind;
}

export interface CaseView {
  caseId: string;
  state: CaseState;
  purpose: Case['purpose'];
  facts: Case['facts'];
  draft: Case['draft'];
  sentAt: string | null;
  nudgesStopped: boolean;
}

export interface Thread {
  /** The SES message id of the forward. */
  id: string;
  user: string | null;
  subject: string;
  /** The case the forward opened, then any opened from it later (the "stay in touch" note). */
  cases: CaseView[];
  items: ThreadItem[];
  /** Where a reply goes now: the reply address of the newest mail from Bowout that has one. */
  replyTarget: { address: string; subject: string; messageId: string | null; caseId: string } | null;
  updatedAt: string;
}

export interface ConsoleState {
  domain: string;
  threads: Thread[];
  /** Mail that belongs to no case the stack knows of. */
  unthreaded: ThreadItem[];
}

/** The case store, as much of it as the console reads. */
export interface CaseReader {
  /** The case a reply token (not its hash) belongs to. */
  caseIdForToken(token: string): Promise<string | null>;
  getCase(caseId: string): Promise<Case | null>;
}

/** Keeps the state sent to the page bounded whatever a hostile mail holds. */
export const MAX_BODY_CHARS = 200_000;

function mailboxes(addresses: Address[] | undefined): string[] {
  const out: string[] = [];
  for (const address of addresses ?? []) {
    if (address.group) out.push(...address.group.map((member) => member.address));
    else if (address.address) out.push(address.address);
  }
  return out.filter(Boolean);
}

function cut(text: string | undefined): { text: string; shortened: boolean } {
  const value = text ?? '';
  return value.length > MAX_BODY_CHARS
    ? { text: value.slice(0, MAX_BODY_CHARS), shortened: true }
    : { text: value, shortened: false };
}

export function viewOf(email: Email): MailView {
  const from = email.from && !email.from.group ? email.from : null;
  const text = cut(email.text);
  const html = email.html === undefined ? null : cut(email.html);
  return {
    from: from ? { name: from.name, address: from.address } : null,
    to: mailboxes(email.to),
    cc: mailboxes(email.cc),
    replyTo: mailboxes(email.replyTo),
    subject: email.subject ?? '',
    messageId: email.messageId ?? null,
    date: email.date ?? null,
    text: text.text,
    html: html?.text ?? null,
    attachments: email.attachments.map((attachment) => ({
      filename: attachment.filename ?? '',
      mimeType: attachment.mimeType,
      size:
        typeof attachment.content === 'string' ? attachment.content.length : attachment.content.byteLength,
    })),
    shortened: text.shortened || Boolean(html?.shortened),
  };
}

/** Parses a stored message; one that cannot be parsed is shown as its raw text. */
export async function parseStored(raw: Uint8Array): Promise<MailView> {
  try {
    return viewOf(await PostalMime.parse(raw));
  } catch {
    const text = cut(new TextDecoder().decode(raw));
    return {
      from: null,
      to: [],
      cc: [],
      replyTo: [],
      subject: '(unreadable message)',
      messageId: null,
      date: null,
      text: text.text,
      html: null,
      attachments: [],
      shortened: text.shortened,
    };
  }
}

/** The token of a reply address at the domain: `reply+<token>@<domain>`. */
export function replyToken(address: string, domain: string): string | null {
  const match = /^reply\+([a-z2-7]{20,64})@(.+)$/i.exec(address.trim());
  return match?.[1] && match[2]?.toLowerCase() === domain.toLowerCase() ? match[1] : null;
}

function tokenIn(addresses: string[], domain: string): string | null {
  for (const address of addresses) {
    const token = replyToken(address, domain);
    if (token) return token;
  }
  return null;
}

function caseView(caseRecord: Case): CaseView {
  return {
    caseId: caseRecord.caseId,
    state: caseRecord.state,
    purpose: caseRecord.purpose,
    facts: caseRecord.facts,
    draft: caseRecord.draft,
    sentAt: caseRecord.sentAt,
    nudgesStopped: caseRecord.nudgesStopped,
  };
}

const byTime = (a: StoredMail, b: StoredMail) => a.at.getTime() - b.at.getTime();

/** Groups the mail Bowout received (`inbound`) and sent (`outbox`) into one thread per forward. */
export async function groupThreads(input: {
  domain: string;
  inbound: StoredMail[];
  outbox: StoredMail[];
  cases: CaseReader;
}): Promise<ConsoleState> {
  const { domain, cases } = input;
  const caseIdByToken = new Map<string, string | null>();
  const caseById = new Map<string, Case | null>();
  const caseOf = async (token: string | null): Promise<Case | null> => {
    if (!token) return null;
    const key = token.toLowerCase();
    if (!caseIdByToken.has(key)) caseIdByToken.set(key, await cases.caseIdForToken(key));
    const caseId = caseIdByToken.get(key);
    if (!caseId) return null;
    if (!caseById.has(caseId)) caseById.set(caseId, await cases.getCase(caseId));
    return caseById.get(caseId) ?? null;
  };

  const threads = new Map<string, Thread>();
  const threadFor = (id: string): Thread => {
    let thread = threads.get(id);
    if (!thread) {
      thread = { id, user: null, subject: '', cases: [], items: [], replyTarget: null, updatedAt: '' };
      threads.set(id, thread);
    }
    return thread;
  };
  const unthreaded: ThreadItem[] = [];
  const forwards: StoredMail[] = [];

  for (const stored of [...input.inbound].sort(byTime)) {
    const { mail } = stored;
    const caseRecord = await caseOf(tokenIn([...mail.to, ...mail.cc], domain));
    if (caseRecord) threadFor(caseRecord.sourceMessageId).items.push({ ...stored, kind: 'command' });
    else if (tokenIn([...mail.to, ...mail.cc], domain)) unthreaded.push({ ...stored, kind: 'command' });
    else forwards.push(stored);
  }

  const toUser: { stored: StoredMail; caseRecord: Case | null }[] = [];
  for (const stored of [...input.outbox].sort(byTime)) {
    toUser.push({ stored, caseRecord: await caseOf(tokenIn(stored.mail.replyTo, domain)) });
  }
  // Every case seen so far, by the SES id of the cancellation it sent.
  const bySentId = new Map<string, Case>();
  for (const caseRecord of caseById.values())
    if (caseRecord?.sentMessageId) bySentId.set(caseRecord.sentMessageId, caseRecord);

  for (const forward of forwards) {
    const thread = threadFor(forward.sesMessageId);
    thread.items.push({ ...forward, kind: 'forward' });
    thread.user = forward.mail.from?.address.toLowerCase() ?? null;
  }
  for (const { stored, caseRecord } of toUser) {
    const sent = bySentId.get(stored.sesMessageId);
    if (sent) threadFor(sent.sourceMessageId).items.push({ ...stored, kind: 'to-employer' });
    else if (caseRecord) threadFor(caseRecord.sourceMessageId).items.push({ ...stored, kind: 'to-user' });
    else {
      const home = latestCaselessForward(threads, caseById, stored);
      if (home) home.items.push({ ...stored, kind: 'to-user' });
      else unthreaded.push({ ...stored, kind: 'to-user' });
    }
  }

  for (const caseRecord of caseById.values()) {
    if (!caseRecord) continue;
    const thread = threadFor(caseRecord.sourceMessageId);
    thread.cases.push(caseView(caseRecord));
    thread.user ??= caseRecord.user.email;
  }
  for (const thread of threads.values()) finish(thread, domain, caseIdByToken);
  return {
    domain,
    threads: [...threads.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    unthreaded: unthreaded.sort(byTime),
  };
}

/** The user's newest forward, received before `mail` was sent, that opened no case. */
function latestCaselessForward(
  threads: Map<string, Thread>,
  caseById: Map<string, Case | null>,
  stored: StoredMail,
): Thread | undefined {
  const recipient = stored.mail.to[0]?.toLowerCase();
  const withCase = new Set([...caseById.values()].map((value) => value?.sourceMessageId));
  let best: { thread: Thread; at: number } | undefined;
  for (const thread of threads.values()) {
    const forward = thread.items.find((item) => item.kind === 'forward');
    if (!forward || withCase.has(thread.id) || thread.user !== recipient) continue;
    const at = forward.at.getTime();
    if (at <= stored.at.getTime() && (!best || at > best.at)) best = { thread, at };
  }
  return best?.thread;
}

function finish(thread: Thread, domain: string, caseIdByToken: Map<string, string | null>): void {
  thread.items.sort((a, b) => byTime(a, b) || (a.kind === 'forward' ? -1 : b.kind === 'forward' ? 1 : 0));
  thread.cases.sort((a, b) => (a.purpose === b.purpose ? 0 : a.purpose === 'cancellation' ? -1 : 1));
  const forward = thread.items.find((item) => item.kind === 'forward');
  const main = thread.cases[0];
  thread.subject = (forward?.mail.subject || main?.facts.originalSubject || '').trim();
  thread.updatedAt = (thread.items.at(-1)?.at ?? new Date(0)).toISOString();
  for (const item of [...thread.items].reverse()) {
    if (item.kind !== 'to-user') continue;
    const address = item.mail.replyTo.find((candidate) => replyToken(candidate, domain));
    const token = address ? replyToken(address, domain) : null;
    const caseId = token ? caseIdByToken.get(token.toLowerCase()) : null;
    if (address && caseId) {
      thread.replyTarget = {
        address,
        subject: item.mail.subject,
        messageId: item.mail.messageId,
        caseId,
      };
      break;
    }
  }
}
