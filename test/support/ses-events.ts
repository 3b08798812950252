import { readFileSync } from 'node:fs';
import type { SESEvent } from 'aws-lambda';

/** A real SES receipt event (Lambda action) as Powertools' parser tests use it; origin in its folder's README. */
export function sampleSesEvent(): SESEvent {
  return JSON.parse(
    readFileSync(
      new URL('../fixtures/ses-events/powertools-typescript__ses-base.json', import.meta.url),
      'utf8',
    ),
  ) as SESEvent;
}

/** The real SES receipt event, re-addressed for one test message. */
export function sesEventFor(options: {
  messageId: string;
  source: string;
  recipients: string[];
  verdicts?: Partial<Record<'spf' | 'dkim' | 'dmarc' | 'spam' | 'virus', string>>;
}): SESEvent {
  const event = sampleSesEvent();
  const record = event.Records[0];
  if (!record) throw new Error('the sample event has no record');
  const { mail, receipt } = record.ses;
  mail.messageId = options.messageId;
  mail.source = options.source;
  mail.destination = options.recipients;
  receipt.recipients = options.recipients;
  const v = options.verdicts ?? {};
  receipt.spfVerdict = { status: (v.spf ?? 'PASS') as 'PASS' };
  receipt.dkimVerdict = { status: (v.dkim ?? 'PASS') as 'PASS' };
  receipt.dmarcVerdict = { status: (v.dmarc ?? 'PASS') as 'PASS' };
  receipt.spamVerdict = { status: (v.spam ?? 'PASS') as 'PASS' };
  receipt.virusVerdict = { status: (v.virus ?? 'PASS') as 'PASS' };
  return event;
}
