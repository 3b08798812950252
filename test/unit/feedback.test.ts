import { describe, expect, it } from 'vitest';
import { SuppressingMailer } from '../../functions/adapters/suppressing-mailer.js';
import { processInboundMail } from '../../functions/domain/conversation/inbound.js';
import { MailNotSentError } from '../../functions/domain/errors.js';
import { countFeedback, readFeedback } from '../../functions/domain/feedback/read-feedback.js';
import { caseIdFor } from '../../functions/domain/ids.js';
import type { OutgoingMail } from '../../functions/domain/ports.js';
import { fixture, received, replyMail } from '../support/mail.js';
import { FixedClock, MemorySuppressionList, memoryDeps, RecordingMailer } from '../support/memory-ports.js';

// Shaped like the records SES event publishing sends (SES developer guide, "Examples of event data that
// Amazon SES publishes to Amazon SNS" and the EventBridge "SES events schema reference").
const MAIL = {
  timestamp: '2026-12-01T18:00:00.000Z',
  source: 'send@bowout.example.com',
  sourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/bowout.example.com',
  sendingAccountId: '123456789012',
  messageId: '0102019a1b2c3d4e-5f60718a-9b0c-4d1e-8f20-3a4b5c6d7e8f-000000',
  destination: ['priya.natarajan@northwind-analytics.com', 'alex.rivera@gmail.com'],
  headersTruncated: false,
  headers: [
    { name: 'From', value: '"Alex Rivera via Bowout" <send@bowout.example.com>' },
    { name: 'To', value: 'priya.natarajan@northwind-analytics.com' },
    { name: 'Subject', value: 'Re: Interview: Senior Data Analyst' },
  ],
  commonHeaders: {
    from: ['"Alex Rivera via Bowout" <send@bowout.example.com>'],
    to: ['priya.natarajan@northwind-analytics.com'],
    messageId: '0102019a1b2c3d4e-5f60718a-9b0c-4d1e-8f20-3a4b5c6d7e8f-000000',
    subject: 'Re: Interview: Senior Data Analyst',
  },
  tags: {
    'ses:configuration-set': ['BowoutSendingConfigurationSet1A2B3C4D'],
    'ses:source-ip': ['203.0.113.7'],
    'ses:from-domain': ['bowout.example.com'],
    'ses:caller-identity': ['Bowout-InboundMailHandlerRole'],
  },
};

const PERMANENT_BOUNCE = {
  eventType: 'Bounce',
  bounce: {
    bounceType: 'Permanent',
    bounceSubType: 'General',
    bouncedRecipients: [
      {
        emailAddress: 'Priya.Natarajan@Northwind-Analytics.com',
        action: 'failed',
        status: '5.1.1',
        diagnosticCode: 'smtp; 550 5.1.1 user unknown',
      },
    ],
    timestamp: '2026-12-01T18:00:02.669Z',
    feedbackId: '0102019a1b2c3d52-1a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d-000000',
    reportingMTA: 'dsn; a8-70.smtp-out.amazonses.com',
  },
  mail: MAIL,
};

const COMPLAINT = {
  eventType: 'Complaint',
  complaint: {
    feedbackId: '0102019a1b2c3d99-aa1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d-000000',
    complaintSubType: null,
    complainedRecipients: [{ emailAddress: 'alex.rivera@gmail.com' }],
    timestamp: '2026-12-01T19:10:00.000Z',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36',
    complaintFeedbackType: 'abuse',
    arrivalDate: '2026-12-01T19:09:58.000Z',
  },
  mail: MAIL,
};

/** How SNS hands a message to a Lambda subscriber. */
function snsEnvelope(...messages: (object | string)[]) {
  return {
    Records: messages.map((message, index) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn:
        'arn:aws:sns:eu-west-1:123456789012:bowout-feedback:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55',
      Sns: {
        Type: 'Notification',
        MessageId: `95df01b4-ee98-5cb9-9903-4c221d41eb5${index}`,
        TopicArn: 'arn:aws:sns:eu-west-1:123456789012:bowout-feedback',
        Subject: null,
        Message: typeof message === 'string' ? message : JSON.stringify(message),
        Timestamp: '2026-12-01T18:00:03.021Z',
        SignatureVersion: '1',
        Signature: 'EXAMPLE',
        SigningCertUrl: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000.pem',
        UnsubscribeUrl: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe',
        MessageAttributes: {},
      },
    })),
  };
}

/** How EventBridge hands an SES event from the configuration set to its rule's target. */
function eventBridgeEvent(detailType: string, detail: object) {
  return {
    version: '0',
    id: 'c3d4e5f6-a7b8-9012-cdef-123456789012',
    'detail-type': detailType,
    source: 'aws.ses',
    account: '123456789012',
    time: '2026-12-01T18:00:03Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}

const bounceOf = (bounceType: string, bounceSubType: string) => ({
  ...PERMANENT_BOUNCE,
  bounce: { ...PERMANENT_BOUNCE.bounce, bounceType, bounceSubType },
});

describe('reading SES feedback', () => {
  it('suppresses a permanently bounced recipient from an EventBridge event, lower-cased', () => {
    expect(readFeedback(eventBridgeEvent('Email Bounced', PERMANENT_BOUNCE))).toEqual({
      suppressions: [
        {
          address: 'priya.natarajan@northwind-analytics.com',
          reason: 'bounce',
          sesMessageId: MAIL.messageId,
          reportedAt: '2026-12-01T18:00:02.669Z',
        },
      ],
      ignored: [],
    });
  });

  it('suppresses a complaining recipient from an EventBridge event', () => {
    expect(readFeedback(eventBridgeEvent('Email Complaint Received', COMPLAINT)).suppressions).toEqual([
      {
        address: 'alex.rivera@gmail.com',
        reason: 'complaint',
        sesMessageId: MAIL.messageId,
        reportedAt: '2026-12-01T19:10:00.000Z',
      },
    ]);
  });

  it('reads bounces and complaints inside an SNS envelope, one record each', () => {
    const feedback = readFeedback(snsEnvelope(PERMANENT_BOUNCE, COMPLAINT));
    expect(feedback.suppressions.map(({ address, reason }) => [reason, address])).toEqual([
      ['bounce', 'priya.natarajan@northwind-analytics.com'],
      ['complaint', 'alex.rivera@gmail.com'],
    ]);
    expect(feedback.ignored).toEqual([]);
  });

  it('reads identity notifications too (notificationType, a DSN with several recipients)', () => {
    const notification = {
      notificationType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'NoEmail',
        reportingMTA: 'dns; email.example.com',
        bouncedRecipients: [
          { emailAddress: 'jane@example.com', status: '5.1.1', action: 'failed' },
          { emailAddress: 'rfc822; Richard@Example.com', status: '5.1.1', action: 'failed' },
          { emailAddress: 'Mary Doe <mary@example.com>', status: '5.1.1', action: 'failed' },
        ],
        timestamp: '2026-01-27T14:59:38.237Z',
        feedbackId: '00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa068a-000000',
      },
      mail: { ...MAIL, tags: undefined },
    };
    expect(readFeedback(snsEnvelope(notification)).suppressions.map((s) => s.address)).toEqual([
      'jane@example.com',
      'richard@example.com',
      'mary@example.com',
    ]);
  });

  it('leaves transient and undetermined bounces alone: the mailbox may take mail later', () => {
    for (const [type, sub, why] of [
      ['Transient', 'MailboxFull', 'transient-bounce'],
      ['Transient', 'General', 'transient-bounce'],
      ['Undetermined', 'Undetermined', 'undetermined-bounce'],
    ] as const) {
      expect(readFeedback(eventBridgeEvent('Email Bounced', bounceOf(type, sub)))).toEqual({
        suppressions: [],
        ignored: [why],
      });
    }
  });

  it('suppresses the permanent bounce SES reports for an address on its suppression list', () => {
    const feedback = readFeedback(snsEnvelope(bounceOf('Permanent', 'OnAccountSuppressionList')));
    expect(feedback.suppressions).toHaveLength(1);
  });

  it('does not suppress on a not-spam feedback report', () => {
    const notSpam = {
      ...COMPLAINT,
      complaint: { ...COMPLAINT.complaint, complaintFeedbackType: 'not-spam' },
    };
    expect(readFeedback(snsEnvelope(notSpam))).toEqual({ suppressions: [], ignored: ['not-spam-complaint'] });
  });

  it('suppresses a complaint without a feedback type (many providers send none)', () => {
    const { complaintFeedbackType: _, ...bare } = COMPLAINT.complaint;
    expect(readFeedback({ ...COMPLAINT, complaint: bare }).suppressions).toHaveLength(1);
  });

  it('ignores other event types, unreadable messages and implausible addresses, counting each', () => {
    const delivery = { eventType: 'Delivery', delivery: { recipients: ['a@example.com'] }, mail: MAIL };
    const hostile = {
      ...PERMANENT_BOUNCE,
      bounce: {
        ...PERMANENT_BOUNCE.bounce,
        bouncedRecipients: [
          { emailAddress: 'x@example.com\r\nBcc: victim@example.org' },
          { emailAddress: 42 },
          { emailAddress: '=?utf-8?q?a=40b.com?=@example.com' },
        ],
      },
    };
    const feedback = readFeedback(snsEnvelope(delivery, 'not json', { hello: 'world' }, hostile));
    expect(feedback.suppressions).toEqual([]);
    expect(countFeedback(feedback)).toEqual({ 'other-event': 1, unreadable: 2, 'implausible-address': 3 });
  });

  it('never throws on input that is not an event at all', () => {
    for (const input of [null, undefined, 'text', 42, [], {}, { Records: 'x' }, { Records: [null] }]) {
      expect(readFeedback(input).suppressions).toEqual([]);
    }
    expect(readFeedback({ source: 'aws.ses', detail: { eventType: 'Bounce' } }).ignored).toEqual([
      'other-event',
    ]);
    expect(
      readFeedback({ eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: 'x' } }),
    ).toEqual({ suppressions: [], ignored: ['unreadable'] });
  });

  it('lists each address once per reason, even when SES repeats it', () => {
    const feedback = readFeedback(snsEnvelope(PERMANENT_BOUNCE, PERMANENT_BOUNCE, COMPLAINT));
    expect(countFeedback(feedback)).toEqual({ 'suppressed-bounce': 1, 'suppressed-complaint': 1 });
  });
});

/** An in-memory suppression list, normalising like the DynamoDB one. */
function outgoing(to: string[], cc: string[] = []): OutgoingMail {
  return {
    from: { name: 'Bowout', address: 'send@bowout.localhost' },
    to,
    cc,
    replyTo: [],
    subject: 'Your cancellation draft',
    text: 'Hello',
    html: null,
    inReplyTo: null,
    references: [],
    attachments: [],
    headers: {},
  };
}

function suppressingWorld(...suppressed: string[]) {
  const inner = new RecordingMailer();
  const list = new MemorySuppressionList(new FixedClock(new Date('2026-12-01T18:00:00Z')), suppressed);
  const logs: { message: string; attributes?: Record<string, unknown> }[] = [];
  const mailer = new SuppressingMailer(inner, list, {
    info: (message, attributes) => logs.push({ message, attributes }),
  });
  return { inner, list, logs, mailer };
}

describe('the suppressing mailer', () => {
  it('passes a message through untouched when no recipient is suppressed', async () => {
    const { inner, mailer, logs } = suppressingWorld('someone.else@example.org');
    const mail = outgoing(['alex.rivera@gmail.com']);
    expect(await mailer.send(mail)).toEqual({ messageId: 'ses-1' });
    expect(inner.sent).toEqual([mail]);
    expect(logs).toEqual([]);
  });

  it('drops suppressed recipients, whatever their case, and sends to the rest', async () => {
    const { inner, mailer } = suppressingWorld('dead@example.org');
    await mailer.send(
      outgoing(['alex.rivera@gmail.com', 'Dead@Example.org'], ['DEAD@example.org', 'c@x.io']),
    );
    expect(inner.sent[0]?.to).toEqual(['alex.rivera@gmail.com']);
    expect(inner.sent[0]?.cc).toEqual(['c@x.io']);
  });

  it('sends nothing when every recipient is suppressed, and logs counts without addresses', async () => {
    const { inner, mailer, logs } = suppressingWorld('alex.rivera@gmail.com');
    expect(await mailer.send(outgoing(['alex.rivera@gmail.com']))).toEqual({ messageId: '' });
    expect(inner.sent).toEqual([]);
    expect(logs).toEqual([
      {
        message: 'suppressed recipients skipped',
        attributes: { skipped: 1, outcome: 'not-sent-all-suppressed' },
      },
    ]);
    expect(JSON.stringify(logs)).not.toContain('@');
  });

  it('refuses, without sending, a message whose every To recipient is suppressed', async () => {
    const { inner, mailer, logs } = suppressingWorld('priya@northwind.example');
    const sending = mailer.send(outgoing(['priya@northwind.example'], ['alex.rivera@gmail.com']));
    await expect(sending).rejects.toBeInstanceOf(MailNotSentError);
    await expect(sending).rejects.toMatchObject({ retryable: false });
    expect(inner.sent).toEqual([]);
    expect(JSON.stringify(logs)).not.toContain('@');
  });
});

describe('suppression in the inbound flows', () => {
  const USER = 'alex.rivera@gmail.com';
  const EMPLOYER = 'priya.natarajan@northwind-analytics.com';

  function world(...suppressed: string[]) {
    const base = memoryDeps();
    const recording = base.mailer;
    const list = new MemorySuppressionList(base.clock, suppressed);
    base.deps.mailer = new SuppressingMailer(recording, list, base.deps.log);
    return { ...base, list, recording };
  }

  async function forward(w: ReturnType<typeof world>, id = 'fwd') {
    w.rawMail.objects.set(id, fixture('invites/gmail-inline.eml'));
    return processInboundMail(received(id), w.deps);
  }

  it('mails no draft to a user whose address bounced, and still completes the message', async () => {
    const w = world(USER);
    expect(await forward(w)).toBe('drafted');
    expect(w.recording.sent).toEqual([]);
    expect(w.messages.messages.get('fwd')?.status).toBe('done');
  });

  it('does not dispatch to a suppressed employer: the draft is kept and the user is told', async () => {
    const w = world();
    await forward(w);
    const replyTo = w.recording.sent.at(-1)?.replyTo[0] ?? '';
    w.list.add(EMPLOYER, 'bounce');
    w.rawMail.objects.set(
      'send-1',
      new TextEncoder().encode(replyMail({ from: `Alex Rivera <${USER}>`, to: replyTo, body: 'SEND' })),
    );
    expect(await processInboundMail(received('send-1', { recipients: [replyTo] }), w.deps)).toBe(
      'send-refused',
    );
    expect(w.recording.sent.filter((m) => m.to.includes(EMPLOYER))).toEqual([]);
    expect(w.cases.cases.get(caseIdFor('fwd'))?.state).toBe('DRAFTED');
    expect(w.recording.sent.at(-1)?.to).toEqual([USER]);
    expect(w.recording.sent.at(-1)?.subject).toMatch(/could not be sent/);
  });
});
