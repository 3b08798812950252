import { describe, expect, it } from 'vitest';
import type { Case } from '../../functions/domain/model.js';
import {
  type CaseReader,
  groupThreads,
  MAX_BODY_CHARS,
  type MailView,
  parseStored,
  replyToken,
  type StoredMail,
} from '../../local/console/threads.js';
import { inviteFacts } from '../support/facts.js';

/** How the console files the stack's mail into one thread per forward, from made-up stores. */

const DOMAIN = 'bowout.localhost';
const USER = 'alex@example.com';
const token = (letter: string) => letter.repeat(32);
const replyAddress = (letter: string) => `reply+${token(letter)}@${DOMAIN}`;

function mail(overrides: Partial<MailView>): MailView {
  return {
    from: null,
    to: [],
    cc: [],
    replyTo: [],
    subject: '',
    messageId: null,
    date: null,
    text: '',
    html: null,
    attachments: [],
    shortened: false,
    ...overrides,
  };
}

let clock = Date.parse('2026-12-01T10:00:00Z');
function stored(sesMessageId: string, view: Partial<MailView>): StoredMail {
  clock += 1000;
  return { sesMessageId, at: new Date(clock), mail: mail(view) };
}

function caseOf(caseId: string, sourceMessageId: string, changes: Partial<Case> = {}): Case {
  return {
    caseId,
    state: 'DRAFTED',
    user: { email: USER, name: 'Alex', timezone: 'UTC' },
    facts: inviteFacts(),
    draft: { subject: 'Re: Interview', body: 'Dear Priya' },
    sourceMessageId,
    sentMessageId: null,
    sentAt: null,
    nudgesStopped: false,
    purpose: 'cancellation',
    ...changes,
  } as Case;
}

function reader(cases: Case[], tokens: Record<string, string>): CaseReader {
  return {
    caseIdForToken: async (value) => tokens[value] ?? null,
    getCase: async (caseId) => cases.find((value) => value.caseId === caseId) ?? null,
  };
}

const forward = (id: string, from = USER) =>
  stored(id, { from: { name: 'Alex', address: from }, to: [`cancel@${DOMAIN}`], subject: 'Fwd: Interview' });
const toUser = (id: string, subject: string, letter?: string) =>
  stored(id, { to: [USER], subject, replyTo: letter ? [replyAddress(letter)] : [] });

describe('grouping mail into cases', () => {
  it('puts the forward, the draft, the reply, the cancellation and the nudges of a case in one thread', async () => {
    const inbound = [forward('fwd1')];
    const outbox = [toUser('draft1', 'Your cancellation draft', 'a')];
    inbound.push(
      stored('cmd1', { from: { name: 'Alex', address: USER }, to: [replyAddress('a')], text: 'SEND' }),
    );
    outbox.push(stored('ses-sent', { to: ['priya@northwind.example'], cc: [USER], replyTo: [USER] }));
    outbox.push(toUser('nudge1', 'A moment to reflect', 'b'));
    const value = caseOf('c1', 'fwd1', { state: 'SENT', sentMessageId: 'ses-sent' });
    const state = await groupThreads({
      domain: DOMAIN,
      inbound,
      outbox,
      cases: reader([value], { [token('a')]: 'c1', [token('b')]: 'c1' }),
    });
    expect(state.unthreaded).toEqual([]);
    expect(state.threads).toHaveLength(1);
    const [thread] = state.threads;
    expect(thread?.id).toBe('fwd1');
    expect(thread?.user).toBe(USER);
    expect(thread?.items.map((item) => [item.kind, item.sesMessageId])).toEqual([
      ['forward', 'fwd1'],
      ['to-user', 'draft1'],
      ['command', 'cmd1'],
      ['to-employer', 'ses-sent'],
      ['to-user', 'nudge1'],
    ]);
    expect(thread?.cases.map((c) => c.state)).toEqual(['SENT']);
    expect(thread?.replyTarget).toEqual({
      address: replyAddress('b'),
      subject: 'A moment to reflect',
      messageId: null,
      caseId: 'c1',
    });
  });

  it('files the "stay in touch" note, a case of its own, under the forward it came from', async () => {
    const outbox = [toUser('draft1', 'Draft', 'a'), toUser('touch', 'Keeping in touch', 'k')];
    const state = await groupThreads({
      domain: DOMAIN,
      inbound: [forward('fwd1')],
      outbox,
      cases: reader(
        [caseOf('c1-k', 'fwd1', { purpose: 'keep-in-touch' }), caseOf('c1', 'fwd1', { state: 'SENT' })],
        { [token('a')]: 'c1', [token('k')]: 'c1-k' },
      ),
    });
    const [thread] = state.threads;
    expect(state.threads).toHaveLength(1);
    expect(thread?.cases.map((c) => [c.caseId, c.purpose])).toEqual([
      ['c1', 'cancellation'],
      ['c1-k', 'keep-in-touch'],
    ]);
    expect(thread?.replyTarget?.caseId).toBe('c1-k');
  });

  it("files a notice without a reply address under the user's latest forward that opened no case", async () => {
    const inbound = [
      forward('news-old'),
      forward('invite'),
      forward('news-new'),
      forward('other', 'sam@example.com'),
    ];
    const outbox = [
      toUser('draft', 'Draft', 'a'),
      toUser('notice', "I couldn't find an interview invite in this"),
    ];
    const state = await groupThreads({
      domain: DOMAIN,
      inbound,
      outbox,
      cases: reader([caseOf('c1', 'invite')], { [token('a')]: 'c1' }),
    });
    const thread = (id: string) => state.threads.find((t) => t.id === id);
    expect(thread('news-new')?.items.map((item) => item.sesMessageId)).toEqual(['news-new', 'notice']);
    expect(thread('news-old')?.items).toHaveLength(1);
    expect(thread('other')?.items).toHaveLength(1);
    expect(thread('news-new')?.replyTarget).toBeNull();
    // Newest activity first.
    expect(state.threads[0]?.id).toBe('news-new');
  });

  it('lists apart what belongs to no known case: a reply to an unknown token, a notice with no forward', async () => {
    const state = await groupThreads({
      domain: DOMAIN,
      inbound: [stored('stray', { to: [replyAddress('z')], text: 'SEND' })],
      outbox: [toUser('lost', 'Daily limit reached')],
      cases: reader([], {}),
    });
    expect(state.threads).toEqual([]);
    expect(state.unthreaded.map((item) => [item.kind, item.sesMessageId])).toEqual([
      ['command', 'stray'],
      ['to-user', 'lost'],
    ]);
  });

  it('keeps a thread for a case whose forward is no longer stored', async () => {
    const state = await groupThreads({
      domain: DOMAIN,
      inbound: [],
      outbox: [toUser('draft', 'Draft', 'a')],
      cases: reader([caseOf('c1', 'gone')], { [token('a')]: 'c1' }),
    });
    expect(state.threads.map((t) => [t.id, t.user, t.subject])).toEqual([['gone', USER, 'Interview']]);
  });

  it('asks the case store once per token and once per case', async () => {
    const calls: string[] = [];
    const base = reader([caseOf('c1', 'fwd1')], { [token('a')]: 'c1' });
    await groupThreads({
      domain: DOMAIN,
      inbound: [forward('fwd1')],
      outbox: [toUser('d1', 'Draft', 'a'), toUser('d2', 'Draft again', 'a')],
      cases: {
        caseIdForToken: (value) => {
          calls.push(`token ${value.slice(0, 1)}`);
          return base.caseIdForToken(value);
        },
        getCase: (caseId) => {
          calls.push(`case ${caseId}`);
          return base.getCase(caseId);
        },
      },
    });
    expect(calls).toEqual(['token a', 'case c1']);
  });
});

describe('reading stored mail', () => {
  it('recognises reply addresses at the domain only', () => {
    expect(replyToken(replyAddress('a'), DOMAIN)).toBe(token('a'));
    expect(replyToken(`reply+${token('a')}@elsewhere.example`, DOMAIN)).toBeNull();
    expect(replyToken(`cancel@${DOMAIN}`, DOMAIN)).toBeNull();
  });

  it('shortens a huge body and says so', async () => {
    const huge = `Subject: big\r\nContent-Type: text/html\r\n\r\n<p>${'x'.repeat(MAX_BODY_CHARS + 10)}</p>\r\n`;
    const view = await parseStored(new TextEncoder().encode(huge));
    expect(view.subject).toBe('big');
    expect(view.html?.length).toBe(MAX_BODY_CHARS);
    expect(view.shortened).toBe(true);
  });
});
