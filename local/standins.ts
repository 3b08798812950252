import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import * as sesModule from 'aws-ses-v2-local';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { TABLE_SCHEMA } from '../functions/adapters/table-schema.js';

/**
 * The real-protocol stand-ins for AWS, started in this process. Port 0 picks a free port, which is
 * what tests do; `npm start` uses fixed defaults. Each returns its endpoint URL and a stop function.
 */
export interface StandIn {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** Credentials the stand-ins accept: s3rver checks for its own defaults, the others check none. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const LOCAL_REGION = 'us-east-1';

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.closeAllConnections?.();
    server.close((error) => (error ? reject(error) : resolve()));
  });
}

function endpointOf(host: string, server: Server): { endpoint: string; port: number } {
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://${host}:${port}`, port };
}

/** DynamoDB: dynalite, kept on disk under `directory` when given (LevelDB), in memory otherwise. */
export async function startDynamo(options: {
  host: string;
  port: number;
  directory?: string;
}): Promise<StandIn> {
  if (options.directory) mkdirSync(options.directory, { recursive: true });
  const server: Server = dynalite({
    ...(options.directory ? { path: options.directory } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return { ...endpointOf(options.host, server), stop: () => closeServer(server) };
}

/** S3: s3rver, objects kept as files under `directory`. */
export async function startS3(options: { host: string; port: number; directory: string }): Promise<StandIn> {
  mkdirSync(options.directory, { recursive: true });
  const s3rver = new S3rver({
    address: options.host,
    port: options.port,
    directory: options.directory,
    silent: true,
  });
  const address = (await s3rver.run()) as AddressInfo;
  return {
    endpoint: `http://${options.host}:${address.port}`,
    port: address.port,
    stop: () => s3rver.close(),
  };
}

type SesServerFactory = (config: { host: string; port: number }) => Promise<Server>;

/** SES v2: aws-ses-v2-local, which also serves a web page of every message sent. */
export async function startSes(options: { host: string; port: number }): Promise<StandIn> {
  // A CommonJS module with an ES default export: under Node's ESM loader the function sits one level down.
  const ns = sesModule as unknown as { default: SesServerFactory | { default: SesServerFactory } };
  const start = typeof ns.default === 'function' ? ns.default : ns.default.default;
  const server = await start({ host: options.host, port: options.port });
  return { ...endpointOf(options.host, server), stop: () => closeServer(server) };
}

/** Creates the table (keys, TTL and due-time index as in production) unless it exists. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  const { partitionKey, sortKey, dueIndex, ttlAttribute } = TABLE_SCHEMA;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: partitionKey, AttributeType: 'S' },
        { AttributeName: sortKey, AttributeType: 'S' },
        { AttributeName: dueIndex.partitionKey, AttributeType: 'S' },
        { AttributeName: dueIndex.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: partitionKey, KeyType: 'HASH' },
        { AttributeName: sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: dueIndex.name,
          KeySchema: [
            { AttributeName: dueIndex.partitionKey, KeyType: 'HASH' },
            { AttributeName: dueIndex.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    }),
  );
  await client
    .send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
      }),
    )
    // dynalite does not implement TTL; expiry is enforced by the adapter's reads as well.
    .catch(() => undefined);
  client.destroy();
}

/** An S3 client for the stand-in at `endpoint` (path-style, as s3rver serves buckets). */
export function localS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
}

/** Creates the bucket unless it exists. */
export async function ensureBucket(endpoint: string, bucket: string): Promise<void> {
  const client = localS3Client(endpoint);
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  }
  client.destroy();
}
