import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIngestEvent, IngestInputError } from '../../local/ingest.js';
import {
  ALL_PASS,
  buildSesEvent,
  commonHeaders,
  HEADER_SCAN_LIMIT,
  isLoopback,
  NOTIFICATION_HEADER_LIMIT,
  newMessageId,
  parseHeaderBlock,
  parseVerdictList,
  type SesEventInput,
  splitAddressList,
  VerdictSyntaxError,
  verdictsForClient,
} from '../../local/ses-event.js';
import { sampleSesEvent } from '../support/ses-events.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

const invite = bytes(
  [
    'Return-Path: <recruiter@acme.example>',
    'From: "Doe, Jane" <recruiter@acme.example>',
    'To: Sam <sam@mail.example>, cancel@bowout.localhost',
    'Subject: =?UTF-8?Q?Interview_=E2=80=93_Friday?=',
    'Date: Wed, 7 Oct 2026 12:34:56 -0700',
    'Message-ID: <abc@acme.example>',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    'See you Friday.',
    '',
  ].join('\r\n'),
);

function input(overrides: Partial<SesEventInput> = {}): SesEventInput {
  return {
    messageId: 'o3vrnil0e2ic28tro3vrnil0e2ic28tro3vrnil0',
    raw: invite,
    envelope: {
      from: 'recruiter@acme.example',
      to: ['cancel@bowout.localhost', 'someone@elsewhere.example'],
    },
    domain: 'bowout.localhost',
    verdicts: { ...ALL_PASS },
    receivedAt: new Date('2026-10-07T19:35:00.000Z'),
    processingTimeMillis: 12,
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:inbound-mail',
    ...overrides,
  };
}

/** Every key path of a JSON value, arrays collapsed to their first element. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.length ? keyPaths(value[0], `${prefix}[]`) : [`${prefix}[]`];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [
      `${prefix}.${key}`,
      ...keyPaths(inner, `${prefix}.${key}`),
    ]);
  }
  return [];
}

describe('the header parser', () => {
  it('reads fields in order, keeping repeated ones, up to the blank line', () => {
    const { headers, cut } = parseHeaderBlock(
      bytes('Received: a\r\nReceived: b\r\nSubject: x\r\n\r\nBody: no\r\n'),
    );
    expect(headers).toEqual([
      { name: 'Received', value: 'a' },
      { name: 'Received', value: 'b' },
      { name: 'Subject', value: 'x' },
    ]);
    expect(cut).toBe(false);
  });

  it('unfolds continuation lines by removing only the line breaks', () => {
    const { headers } = parseHeaderBlock(bytes('Subject: one\r\n two\r\n\tthree\r\nTo: a@b\r\n\r\n'));
    expect(headers[0]).toEqual({ name: 'Subject', value: 'one two\tthree' });
  });

  it('accepts bare LF line ends', () => {
    const { headers } = parseHeaderBlock(bytes('From: a@b\nSubject: hi\n there\n\nbody\n'));
    expect(headers).toEqual([
      { name: 'From', value: 'a@b' },
      { name: 'Subject', value: 'hi there' },
    ]);
  });

  it('treats a message without a separator as headers until the first line that is not a field', () => {
    const { headers } = parseHeaderBlock(
      bytes('From: a@b\r\nSubject: hi\r\nthis is the body\r\nX-Not: header'),
    );
    expect(headers.map((header) => header.name)).toEqual(['From', 'Subject']);
  });

  it('reads a message that is nothing but headers, without a final line break', () => {
    expect(parseHeaderBlock(bytes('From: a@b\r\nSubject: hi')).headers).toHaveLength(2);
  });

  it('decodes 8-bit headers as UTF-8 and falls back to Windows-1252 for legacy bytes', () => {
    const raw = Buffer.concat([
      bytes('Subject: Caf\u00e9 \u2013 ok\r\nX-Legacy: Caf'),
      Buffer.from([0xe9]),
      bytes('\r\n\r\n'),
    ]);
    const { headers } = parseHeaderBlock(raw);
    expect(headers).toEqual([
      { name: 'Subject', value: 'Café – ok' },
      { name: 'X-Legacy', value: 'Café' },
    ]);
  });

  it('skips a leading mbox From_ line and a stray continuation before any field', () => {
    const { headers } = parseHeaderBlock(
      bytes('From someone@x Mon Jan  1 00:00:00 2026\n  stray\nSubject: hi\n\n'),
    );
    expect(headers).toEqual([{ name: 'Subject', value: 'hi' }]);
  });

  it('accepts whitespace before the colon and replaces NUL and bare CR in values', () => {
    const { headers } = parseHeaderBlock(bytes('Subject : a\u0000b\rc\r\n\r\n'));
    expect(headers).toEqual([{ name: 'Subject', value: 'a b c' }]);
  });

  it('stops examining a header block that runs past the scan limit and says it was cut', () => {
    const line = `X-Filler: ${'x'.repeat(1000)}\r\n`;
    const raw = bytes(line.repeat(Math.ceil((HEADER_SCAN_LIMIT * 1.5) / line.length)));
    const { headers, cut } = parseHeaderBlock(raw);
    expect(cut).toBe(true);
    expect(headers.length).toBeLessThanOrEqual(Math.ceil(HEADER_SCAN_LIMIT / line.length));
    expect(headers.every((header) => header.value.length === 1000)).toBe(true);
  });

  it('never throws and never returns a name with a colon or a value with a line break, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (raw) => {
        const { headers } = parseHeaderBlock(raw);
        for (const header of headers) {
          expect(header.name).toMatch(/^[\x21-\x39\x3b-\x7e]+$/);
          expect(header.value).not.toMatch(/[\r\n\0]/);
        }
      }),
    );
  });
});

describe('common headers', () => {
  it('splits address lists at the commas between addresses, not those inside quotes', () => {
    expect(splitAddressList('"Doe, Jane" <j@x>, b@y (Bee, B)')).toEqual([
      '"Doe, Jane" <j@x>',
      'b@y (Bee, B)',
    ]);
  });

  it('unwraps address groups and drops empty ones', () => {
    expect(splitAddressList('Team: a@x, b@y;, c@z')).toEqual(['a@x', 'b@y', 'c@z']);
    expect(splitAddressList('undisclosed-recipients:;')).toEqual([]);
  });

  it('decodes encoded words and leaves absent fields out', () => {
    const common = commonHeaders(parseHeaderBlock(invite).headers, 'recruiter@acme.example');
    expect(common).toEqual({
      returnPath: 'recruiter@acme.example',
      from: ['"Doe, Jane" <recruiter@acme.example>'],
      to: ['Sam <sam@mail.example>', 'cancel@bowout.localhost'],
      date: 'Wed, 7 Oct 2026 12:34:56 -0700',
      messageId: '<abc@acme.example>',
      subject: 'Interview – Friday',
    });
  });
});

describe('the SES event builder', () => {
  it('has the shape of a real SES receipt event', () => {
    const sample = sampleSesEvent();
    // The sample reports a DMARC policy, which SES only does when DMARC failed.
    const built = buildSesEvent(input({ verdicts: { ...ALL_PASS, dmarc: 'FAIL' } }));
    expect(keyPaths(built).sort()).toEqual(keyPaths(sample).sort());
  });

  it('reports the envelope, the recipients at our domain, the verdicts and the Lambda action', () => {
    const [record] = buildSesEvent(input()).Records;
    expect(record?.eventSource).toBe('aws:ses');
    expect(record?.eventVersion).toBe('1.0');
    const { mail, receipt } = record?.ses ?? {};
    expect(mail).toMatchObject({
      timestamp: '2026-10-07T19:35:00.000Z',
      source: 'recruiter@acme.example',
      messageId: 'o3vrnil0e2ic28tro3vrnil0e2ic28tro3vrnil0',
      destination: ['cancel@bowout.localhost', 'someone@elsewhere.example'],
      headersTruncated: false,
    });
    expect(mail?.headers.map((header) => header.name)).toEqual([
      'Return-Path',
      'From',
      'To',
      'Subject',
      'Date',
      'Message-ID',
      'Content-Type',
    ]);
    expect(mail?.headers[3]?.value).toBe('=?UTF-8?Q?Interview_=E2=80=93_Friday?='); // raw, as SES gives it
    expect(receipt).toEqual({
      timestamp: '2026-10-07T19:35:00.000Z',
      processingTimeMillis: 12,
      recipients: ['cancel@bowout.localhost'],
      spamVerdict: { status: 'PASS' },
      virusVerdict: { status: 'PASS' },
      spfVerdict: { status: 'PASS' },
      dkimVerdict: { status: 'PASS' },
      dmarcVerdict: { status: 'PASS' },
      action: {
        type: 'Lambda',
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:inbound-mail',
        invocationType: 'Event',
      },
    });
  });

  it('reports an empty source for the null sender', () => {
    const event = buildSesEvent(input({ envelope: { from: '', to: ['cancel@bowout.localhost'] } }));
    expect(event.Records[0]?.ses.mail.source).toBe('');
    expect(event.Records[0]?.ses.mail.commonHeaders.returnPath).toBe('');
  });

  it('truncates the listed headers past 10 KB and says so, keeping the common headers', () => {
    const filler = `X-Filler: ${'y'.repeat(900)}\r\n`.repeat(20);
    const raw = bytes(`${filler}Subject: late\r\n\r\nbody`);
    const { mail } = buildSesEvent(input({ raw })).Records[0]?.ses ?? {};
    expect(mail?.headersTruncated).toBe(true);
    const listed = mail?.headers.reduce(
      (size, header) => size + header.name.length + header.value.length + 4,
      0,
    );
    expect(listed).toBeLessThanOrEqual(NOTIFICATION_HEADER_LIMIT);
    expect(mail?.commonHeaders.subject).toBe('late');
  });

  it('keeps the event of a hostile message small', () => {
    const raw = bytes(`Subject: ${'z'.repeat(500_000)}\r\nTo: ${'a@b, '.repeat(10_000)}\r\n\r\n`);
    const event = buildSesEvent(input({ raw }));
    expect(JSON.stringify(event).length).toBeLessThan(64 * 1024);
  });
});

describe('verdicts', () => {
  it('passes mail from this machine and gives GRAY authentication verdicts to mail from elsewhere', () => {
    expect(verdictsForClient('127.0.0.1')).toEqual(ALL_PASS);
    expect(verdictsForClient('::ffff:127.0.0.1')).toEqual(ALL_PASS);
    expect(verdictsForClient('::1')).toEqual(ALL_PASS);
    expect(verdictsForClient('192.0.2.7')).toEqual({
      spf: 'GRAY',
      dkim: 'GRAY',
      dmarc: 'GRAY',
      spam: 'PASS',
      virus: 'PASS',
    });
    expect(isLoopback('127.0.0.1.example')).toBe(false);
  });

  it('parses a verdict list, accepting any letter case', () => {
    expect(parseVerdictList('spf=FAIL, dkim=pass,DMARC=Gray')).toEqual({
      spf: 'FAIL',
      dkim: 'PASS',
      dmarc: 'GRAY',
    });
  });

  it.each([
    ['spf', 'bad verdict'],
    ['foo=PASS', 'unknown verdict "foo"'],
    ['spf=MAYBE', 'bad spf verdict "MAYBE"'],
    ['spf=PASS,spf=FAIL', 'given twice'],
    ['', 'bad verdict'],
  ])('rejects the verdict list %j with a one-line reason', (text, reason) => {
    expect(() => parseVerdictList(text)).toThrow(VerdictSyntaxError);
    expect(() => parseVerdictList(text)).toThrow(reason);
  });
});

describe('message ids', () => {
  it('are 40 lowercase alphanumerics and do not repeat', () => {
    const ids = Array.from({ length: 2000 }, () => newMessageId());
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]{40}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the ingest event', () => {
  const base = {
    raw: invite,
    domain: 'bowout.localhost',
    messageId: 'x'.repeat(40),
    receivedAt: new Date(0),
  };

  it('defaults to the From address as sender, cancel@<domain> as recipient and PASS verdicts', () => {
    const { mail, receipt } = buildIngestEvent(base).Records[0]?.ses ?? {};
    expect(mail?.source).toBe('recruiter@acme.example');
    expect(mail?.destination).toEqual(['cancel@bowout.localhost']);
    expect(receipt?.recipients).toEqual(['cancel@bowout.localhost']);
    expect(receipt?.spfVerdict.status).toBe('PASS');
  });

  it('changes only the verdicts it is given', () => {
    const event = buildIngestEvent({ ...base, from: '', verdicts: { spf: 'FAIL', dmarc: 'FAIL' } });
    const receipt = event.Records[0]?.ses.receipt;
    expect(event.Records[0]?.ses.mail.source).toBe('');
    expect([receipt?.spfVerdict, receipt?.dkimVerdict, receipt?.dmarcVerdict]).toEqual([
      { status: 'FAIL' },
      { status: 'PASS' },
      { status: 'FAIL' },
    ]);
    expect(receipt?.dmarcPolicy).toBe('reject');
  });

  it('refuses a recipient outside the domain and a message without a From address', () => {
    expect(() => buildIngestEvent({ ...base, to: ['a@elsewhere.example'] })).toThrow(IngestInputError);
    expect(() => buildIngestEvent({ ...base, raw: bytes('Subject: x\r\n\r\n') })).toThrow(/--from/);
  });
});
