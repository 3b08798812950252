/**
 * An estimate of the AWS cost per 1 000 forwarded invites (forward → draft), from the figures measured
 * in this run and us-east-1 list prices (on-demand, no free tier). Every assumption is printed with it.
 */
import { note, type Print } from './support.js';

/** us-east-1 list prices in USD, as published by AWS (Lambda arm64, SES, S3 Standard, DynamoDB on-demand). */
const PRICES = {
  lambdaArmGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  sesPerThousandReceived: 0.1,
  sesPerThousandIncomingChunks: 0.09, // a chunk is 256 KB of incoming mail
  sesPerThousandSent: 0.1,
  sesPerGbSent: 0.12,
  s3PerThousandPut: 0.005,
  s3PerThousandGet: 0.0004,
  s3PerGbMonth: 0.023,
  dynamoPerMillionWrite: 0.625,
  dynamoPerMillionRead: 0.125,
} as const;

interface CostInputs {
  /** Billed duration of one warm inbound invocation (ms). */
  durationMs: number;
  /** Module load of the inbound bundle (ms), billed as INIT on a cold start. */
  coldStartMs: number;
  memoryMb: number;
  rawBytes: number;
  outgoingBytes: number;
  sesSends: number;
  readUnits: number;
  writeUnits: number;
  retentionDays: number;
}

const GB = 1024 ** 3;

export function benchCost(print: Print, input: CostInputs): void {
  const n = 1000;
  const gb = input.memoryMb / 1024;
  const billedWarm = Math.ceil(input.durationMs);
  const billedCold = Math.ceil(input.durationMs + input.coldStartMs);
  const lambda = (ms: number) =>
    ((n * ms) / 1000) * gb * PRICES.lambdaArmGbSecond + (n / 1e6) * PRICES.lambdaPerMillionRequests;
  const chunks = Math.ceil(input.rawBytes / (256 * 1024));
  const sesIn = (n / 1000) * (PRICES.sesPerThousandReceived + chunks * PRICES.sesPerThousandIncomingChunks);
  const sesOut =
    ((n * input.sesSends) / 1000) * PRICES.sesPerThousandSent +
    ((n * input.outgoingBytes) / GB) * PRICES.sesPerGbSent;
  const s3 =
    (n / 1000) * (PRICES.s3PerThousandPut + PRICES.s3PerThousandGet) +
    ((n * input.rawBytes) / GB) * PRICES.s3PerGbMonth * (input.retentionDays / 30);
  const dynamo =
    ((n * input.writeUnits) / 1e6) * PRICES.dynamoPerMillionWrite +
    ((n * input.readUnits) / 1e6) * PRICES.dynamoPerMillionRead;
  const rest = sesIn + sesOut + s3 + dynamo;

  note(
    `prices (us-east-1, list, no free tier): Lambda arm64 $${PRICES.lambdaArmGbSecond}/GB-s + $${PRICES.lambdaPerMillionRequests}/M requests; ` +
      `SES receiving $${PRICES.sesPerThousandReceived}/1000 mails + $${PRICES.sesPerThousandIncomingChunks}/1000 256 KB chunks; ` +
      `SES sending $${PRICES.sesPerThousandSent}/1000 mails + $${PRICES.sesPerGbSent}/GB; S3 Standard PUT $${PRICES.s3PerThousandPut}/1000, ` +
      `GET $${PRICES.s3PerThousandGet}/1000, $${PRICES.s3PerGbMonth}/GB-month; DynamoDB on-demand $${PRICES.dynamoPerMillionWrite}/M WRU, $${PRICES.dynamoPerMillionRead}/M RRU`,
  );
  note(
    `per invite: inbound Lambda ${input.memoryMb} MB arm64 billed ${billedWarm} ms warm (the stand-in path's mean duration), ` +
      `${billedCold} ms cold (plus the bundle's measured import as INIT); 1 SES mail received of ${(input.rawBytes / 1024).toFixed(1)} KB ` +
      `(${chunks} chunk); ${input.sesSends.toFixed(2)} SES mails sent of ${(input.outgoingBytes / 1024).toFixed(1)} KB; ` +
      `S3 1 PUT (SES) + 1 GET (handler), kept ${input.retentionDays} days; DynamoDB ${input.writeUnits.toFixed(1)} WRU + ` +
      `${input.readUnits.toFixed(1)} RRU as counted on the stand-in path (failed conditional writes and due-index writes included)`,
  );
  note(
    'not included: the later nudges, SEND replies and their dispatch, the reminder sweep, CloudWatch logs and alarms, DynamoDB storage, data transfer',
  );
  print('cost Lambda per 1000 invites (warm)', lambda(billedWarm), 'USD', 4);
  print('cost Lambda per 1000 invites (every invocation cold)', lambda(billedCold), 'USD', 4);
  print('cost SES receiving per 1000 invites', sesIn, 'USD', 4);
  print('cost SES sending per 1000 invites', sesOut, 'USD', 4);
  print('cost S3 per 1000 invites', s3, 'USD', 4);
  print('cost DynamoDB per 1000 invites', dynamo, 'USD', 4);
  print('cost per 1000 invites (warm)', lambda(billedWarm) + rest, 'USD', 4);
  print('cost per 1000 invites (every invocation cold)', lambda(billedCold) + rest, 'USD', 4);
}
