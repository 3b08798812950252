/**
 * Deployment configuration, read once from CDK context (`-c key=value` or cdk.json) and checked before any
 * construct is built: a typo in the domain must stop `cdk synth`, not produce a stack that receives nothing.
 */

/** The CDK context keys Bowout reads. */
export const CONTEXT_KEYS = [
  'domain',
  'senderAddress',
  'rawMailRetentionDays',
  'alarmEmail',
  'tableDeletionProtection',
  'receiptRuleSet',
  'existingIdentity',
  // Retired: read only to say what replaces it.
  'activateReceiptRuleSet',
] as const;

export type ContextKey = (typeof CONTEXT_KEYS)[number];

export interface BowoutConfig {
  /** The mail domain: SES receives every address at it and sends from it. Lower-case. */
  readonly domain: string;
  /** From address for everything Bowout sends; always at `domain`, the verified SES identity. */
  readonly senderAddress: string;
  /** Days raw mail stays in S3 before the lifecycle rule deletes it. */
  readonly rawMailRetentionDays: number;
  /** Where alarm notifications go; without it alarms still exist but notify nobody. */
  readonly alarmEmail?: string;
  /** DynamoDB deletion protection; turn off only for throw-away stacks. */
  readonly tableDeletionProtection: boolean;
  /**
   * An existing receipt rule set (usually the region's active one) that Bowout adds its rule to, for an
   * account that already receives mail: SES has one active set per region. Without it the stack creates
   * its own set and activates it.
   */
  readonly receiptRuleSet?: string;
  /** The domain is already an SES identity in the account: use it instead of creating one. */
  readonly existingIdentity: boolean;
}

export class ContextError extends Error {
  override name = 'ContextError';
}

export const DEFAULT_RAW_MAIL_RETENTION_DAYS = 30;

// Lower-case DNS name with at least two labels; labels of 1-63 letters, digits or inner hyphens; the
// top-level label starts with a letter (so an IP address is not accepted as a domain).
const DOMAIN_PATTERN =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// RFC 5322 dot-atom local part: what SES accepts unquoted and what we can put in a From header safely.
// SES rule set names: letters, digits, underscores and hyphens (older sets may have periods), at most
// 64 characters, starting and ending with a letter or digit.
const RULE_SET_NAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$/;
const LOCAL_PART_PATTERN = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

function isEmailAddress(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (at <= 0) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  return local.length <= 64 && LOCAL_PART_PATTERN.test(local) && DOMAIN_PATTERN.test(domain.toLowerCase());
}

/** Context values arrive as strings from `-c` and as JSON values from cdk.json; accept both. */
function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function parseBoolean(key: ContextKey, value: unknown, fallback: boolean, problems: string[]): boolean {
  const text = asText(value);
  if (text === undefined) return fallback;
  if (text === 'true') return true;
  if (text === 'false') return false;
  problems.push(`${key} must be true or false, got "${text}"`);
  return fallback;
}

/**
 * Checks the context and applies defaults. Reports every problem at once, each naming its key and the
 * `-c` flag that fixes it, so one failed synth is enough to correct them all.
 *
 * @param context the raw context values by key (`app.node.tryGetContext(key)`)
 * @throws ContextError listing every problem
 */
export function parseBowoutContext(context: Readonly<Partial<Record<ContextKey, unknown>>>): BowoutConfig {
  const problems: string[] = [];

  // No default on purpose: a placeholder domain would deploy a stack that silently receives nothing.
  const domain = asText(context.domain);
  if (domain === undefined) {
    problems.push('domain is required: pass -c domain=<your mail domain>, e.g. -c domain=bowout.example.com');
  } else if (domain !== domain.toLowerCase()) {
    problems.push(`domain must be lower-case: use "${domain.toLowerCase()}" instead of "${domain}"`);
  } else if (!DOMAIN_PATTERN.test(domain)) {
    problems.push(`domain is not a valid DNS name: "${domain}"`);
  }

  const senderText = asText(context.senderAddress);
  const senderAddress = senderText ?? (domain ? `send@${domain}` : '');
  if (senderText !== undefined && domain !== undefined) {
    const at = senderText.lastIndexOf('@');
    if (!isEmailAddress(senderText)) {
      problems.push(`senderAddress is not an email address: "${senderText}"`);
    } else if (senderText.slice(at + 1) !== domain) {
      // SES sends only from a verified identity: the domain, whether the stack creates it or finds it.
      problems.push(`senderAddress must be an address at ${domain}, got "${senderText}"`);
    }
  }

  let rawMailRetentionDays = DEFAULT_RAW_MAIL_RETENTION_DAYS;
  const retentionText = asText(context.rawMailRetentionDays);
  if (retentionText !== undefined) {
    if (/^[1-9][0-9]*$/.test(retentionText) && Number.isSafeInteger(Number(retentionText))) {
      rawMailRetentionDays = Number(retentionText);
    } else {
      problems.push(`rawMailRetentionDays must be a positive whole number of days, got "${retentionText}"`);
    }
  }

  const alarmEmail = asText(context.alarmEmail);
  if (alarmEmail !== undefined && !isEmailAddress(alarmEmail)) {
    problems.push(`alarmEmail is not an email address: "${alarmEmail}"`);
  }

  const tableDeletionProtection = parseBoolean(
    'tableDeletionProtection',
    context.tableDeletionProtection,
    true,
    problems,
  );

  const receiptRuleSet = asText(context.receiptRuleSet);
  if (receiptRuleSet !== undefined && !RULE_SET_NAME_PATTERN.test(receiptRuleSet)) {
    problems.push(
      `receiptRuleSet is not an SES receipt rule set name: "${receiptRuleSet}" (see aws ses list-receipt-rule-sets)`,
    );
  }
  const existingIdentity = parseBoolean('existingIdentity', context.existingIdentity, false, problems);

  if (asText(context.activateReceiptRuleSet) !== undefined) {
    problems.push(
      'activateReceiptRuleSet is no longer read: to keep the receipt rule set already active in the region, ' +
        'pass -c receiptRuleSet=<its name> (aws ses describe-active-receipt-rule-set shows it) and Bowout adds its rule to it',
    );
  }

  if (problems.length > 0 || domain === undefined) {
    throw new ContextError(`Invalid CDK context:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
  return {
    domain,
    senderAddress,
    rawMailRetentionDays,
    ...(alarmEmail === undefined ? {} : { alarmEmail }),
    tableDeletionProtection,
    ...(receiptRuleSet === undefined ? {} : { receiptRuleSet }),
    existingIdentity,
  };
}
