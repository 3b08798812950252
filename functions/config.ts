import { BowoutError } from './domain/errors.js';

/**
 * Configuration read from the environment once, at cold start, and checked there: a function that is
 * missing its configuration fails on its first invocation with a clear message, not halfway through one.
 */
export class ConfigError extends BowoutError {
  override name = 'ConfigError';
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`missing environment variable ${name}`);
  return value;
}

const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;

export interface MailConfig {
  /** The inbound domain: forwards go to cancel@domain, replies to reply+token@domain. */
  domain: string;
  /** The address Bowout sends from (drafts, notices and dispatched cancellations). */
  senderAddress: string;
  tableName: string;
  rawMailBucket: string;
  /** Key prefix under which SES stores raw mail; the object key is prefix + SES message id. */
  rawMailPrefix: string;
}

export function readMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const domain = required(env, 'BOWOUT_DOMAIN').toLowerCase();
  if (!DOMAIN_PATTERN.test(domain)) throw new ConfigError(`BOWOUT_DOMAIN is not a domain name: ${domain}`);
  const senderAddress = env.SENDER_ADDRESS?.trim() || `send@${domain}`;
  return {
    domain,
    senderAddress,
    tableName: required(env, 'TABLE_NAME'),
    rawMailBucket: required(env, 'RAW_MAIL_BUCKET'),
    rawMailPrefix: env.RAW_MAIL_PREFIX ?? 'inbound/',
  };
}
