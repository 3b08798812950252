import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { handlerEnvironment } from '../../local/stack.js';
import {
  ensureBucket,
  ensureTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type StandIn,
  startDynamo,
  startS3,
  startSes,
} from '../../local/standins.js';

export const TABLE = 'bowout-test';
export const BUCKET = 'bowout-test-raw';

/** The three AWS stand-ins on free ports in a temporary folder, with clients pointed at them. */
export async function startStandIns() {
  const dir = mkdtempSync(join(tmpdir(), 'bowout-it-'));
  const host = '127.0.0.1';
  const [dynamo, s3, ses]: StandIn[] = await Promise.all([
    startDynamo({ host, port: 0 }),
    startS3({ host, port: 0, directory: join(dir, 's3') }),
    startSes({ host, port: 0 }),
  ]);
  if (!dynamo || !s3 || !ses) throw new Error('stand-ins did not start');
  await Promise.all([ensureTable(dynamo.endpoint, TABLE), ensureBucket(s3.endpoint, BUCKET)]);
  const common = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  return {
    dynamo,
    s3,
    ses,
    clients: {
      s3: new S3Client({ ...common, endpoint: s3.endpoint, forcePathStyle: true }),
      documents: DynamoDBDocumentClient.from(new DynamoDBClient({ ...common, endpoint: dynamo.endpoint }), {
        marshallOptions: { removeUndefinedValues: true },
      }),
      ses: new SESv2Client({ ...common, endpoint: ses.endpoint }),
    },
    /** The environment the CDK stack gives every function (local/stack.ts), pointed at these stand-ins. */
    handlerEnvironment(): Record<string, string> {
      return handlerEnvironment(
        { domain: 'bowout.localhost', tableName: TABLE, bucket: BUCKET, rawMailPrefix: 'inbound/' },
        { s3: s3.endpoint, dynamodb: dynamo.endpoint, ses: ses.endpoint },
      );
    },
    /** What the SES stand-in received, newest last. */
    async sentMail(): Promise<
      {
        messageId: string;
        from: string;
        destination: { to: string[]; cc: string[] };
        subject: string;
        body: { text?: string; html?: string };
      }[]
    > {
      const response = await fetch(`${ses.endpoint}/store`);
      return ((await response.json()) as { emails: never[] }).emails;
    },
    async stop() {
      await Promise.all([dynamo.stop(), s3.stop(), ses.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
