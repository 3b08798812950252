import { resolve } from 'node:path';
import { ConfigError, readMailConfig } from '../functions/config.js';

/**
 * Where the local stack lives: one reading of the environment shared by `start` (which listens there)
 * and by `ingest`/`remind` (which find the running stack there), so the two can never disagree.
 */
export interface LocalSettings {
  /** Absolute path of the state folder: DynamoDB, S3 objects and the outbox live below it. */
  dataDir: string;
  host: string;
  domain: string;
  ports: { smtp: number; ses: number; s3: number; dynamodb: number; lambda: number };
  /** The console's port: served by `npm start` on top of the stack, so not one of the stack's own ports. */
  webPort: number;
  tableName: string;
  bucket: string;
  rawMailPrefix: string;
}

export type PortName = keyof LocalSettings['ports'] | 'web';

/** A setting that cannot be used; the message is one line, meant for the terminal. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

export const TABLE_NAME = 'bowout';
export const RAW_MAIL_BUCKET = 'bowout-raw-mail';
export const RAW_MAIL_PREFIX = 'inbound/';

const PORT_VARIABLES: Record<PortName, [variable: string, fallback: number]> = {
  smtp: ['BOWOUT_SMTP_PORT', 2525],
  ses: ['BOWOUT_SES_PORT', 8005],
  s3: ['BOWOUT_S3_PORT', 4569],
  dynamodb: ['BOWOUT_DYNAMODB_PORT', 4567],
  lambda: ['BOWOUT_LAMBDA_PORT', 9001],
  web: ['BOWOUT_WEB_PORT', 8025],
};

function readPort(env: NodeJS.ProcessEnv, name: PortName): number {
  const [variable, fallback] = PORT_VARIABLES[name];
  const text = env[variable]?.trim();
  if (!text) return fallback;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new SettingsError(`${variable} is not a port number: ${text}`);
  return port;
}

export function readLocalSettings(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): LocalSettings {
  const domain = (env.BOWOUT_DOMAIN?.trim() || 'bowout.localhost').toLowerCase();
  // Validate the domain the way the handlers will at cold start, so a bad value fails here, in one line.
  try {
    readMailConfig({ BOWOUT_DOMAIN: domain, TABLE_NAME, RAW_MAIL_BUCKET });
  } catch (error) {
    if (error instanceof ConfigError) throw new SettingsError(error.message);
    throw error;
  }
  return {
    dataDir: resolve(cwd, env.BOWOUT_DATA_DIR?.trim() || '.bowout'),
    host: env.BOWOUT_HOST?.trim() || '127.0.0.1',
    domain,
    ports: {
      smtp: readPort(env, 'smtp'),
      ses: readPort(env, 'ses'),
      s3: readPort(env, 's3'),
      dynamodb: readPort(env, 'dynamodb'),
      lambda: readPort(env, 'lambda'),
    },
    webPort: readPort(env, 'web'),
    tableName: TABLE_NAME,
    bucket: RAW_MAIL_BUCKET,
    rawMailPrefix: RAW_MAIL_PREFIX,
  };
}

/** The environment variable that sets a port, for messages that tell the user what to change. */
export function portVariable(name: PortName): string {
  return PORT_VARIABLES[name][0];
}

/** `http://host:port`, with IPv6 literals bracketed as URLs require. */
export function httpEndpoint(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
