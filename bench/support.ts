/**
 * What every benchmark shares: the figure printer, the machine description and the typical forwarded
 * invites (test/fixtures/invites, without the files that are not invites at all).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import PostalMime from 'postal-mime';

export type Print = (name: string, value: number, unit: string, digits?: number) => void;

/** One figure on a line of its own: `<name>: <value> <unit>`. */
export const print: Print = (name, value, unit, digits = 2) => {
  console.log(`${name}: ${value.toFixed(digits)}${unit ? ` ${unit}` : ''}`);
};

/** A line that is not a figure (assumptions, notes), indented so that figure parsers can skip it. */
export function note(text: string): void {
  console.log(`  # ${text}`);
}

/** `2 × AMD EPYC 7B13, Node v20.20.2`: nproc, the CPU model as lscpu names it, and Node's version. */
export function machine(): string {
  let model = cpus()[0]?.model?.trim() || 'unknown CPU';
  try {
    const lscpu = execFileSync('lscpu', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    model = lscpu.match(/^Model name:\s*(.+)$/m)?.[1]?.trim() ?? model;
  } catch {
    // No lscpu (macOS): os.cpus() names the model well enough.
  }
  return `${cpus().length} × ${model}, Node ${process.version}`;
}

const FIXTURE_DIR = new URL('../test/fixtures/invites/', import.meta.url);

export interface Invite {
  name: string;
  raw: Buffer;
}

/** Typical forwarded invites: every fixture but the ones that are not mail, or not invites. */
export function typicalInvites(): Invite[] {
  return readdirSync(FIXTURE_DIR)
    .filter((name) => name.endsWith('.eml') && !/not-mime|newsletter|not-an-invite/.test(name))
    .sort()
    .map((name) => ({ name, raw: readFileSync(new URL(name, FIXTURE_DIR)) }));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The invites as other users forwarded them: `user(i)` for the i-th, the forwarding user's address
 * replaced throughout. Bowout opens one case per user and original, so the same invite from the same
 * user again would be a repeat, not another draft.
 */
export async function forwardedBy(
  invites: readonly Invite[],
  count: number,
  user: (i: number) => string,
): Promise<{ user: string; raw: Buffer }[]> {
  const senders = await Promise.all(
    invites.map(async (invite) => (await PostalMime.parse(invite.raw)).from?.address ?? ''),
  );
  return Array.from({ length: count }, (_, i) => {
    const index = i % invites.length;
    const text = (invites[index] as Invite).raw.toString('latin1');
    const sender = senders[index] as string;
    const address = user(i);
    return {
      user: address,
      raw: Buffer.from(text.replace(new RegExp(escapeRegExp(sender), 'gi'), address), 'latin1'),
    };
  });
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Nearest-rank quantile (q in 0..1) of the values; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

export const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
export const mean = (values: readonly number[]) => sum(values) / values.length;
