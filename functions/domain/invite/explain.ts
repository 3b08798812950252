import type { FactReading, WhoSources } from './evidence.js';
import type { NotInviteReason, UnderstoodInvite } from './understand-invite.js';

/**
 * The explanation `bowout extract --explain` prints: for each fact about who (contact address, name,
 * company, role), the value chosen, whether it is sure, why it won, and every candidate considered with
 * its score, where it was read, the words it was read from and what raised or lowered it.
 */

const LABELS: Record<keyof WhoSources, string> = {
  email: 'employer.email',
  name: 'employer.name',
  company: 'employer.company',
  role: 'role',
};

const MAX_CANDIDATES = 8;

const NOT_INVITE: Record<NotInviteReason, string> = {
  'no-original': 'no forwarded message, quoted reply or calendar invitation found',
  'mass-mail': 'mass mail (a newsletter or a job alert)',
  'own-mail': "Bowout's own mail forwarded back",
};

function describe(label: string, reading: FactReading): string[] {
  const verdict = reading.value === null ? 'not found' : reading.certain ? 'certain' : 'uncertain';
  const lines = [`${label}: ${reading.value === null ? '-' : JSON.stringify(reading.value)} (${verdict})`];
  lines.push(`  why: ${reading.why}`);
  for (const candidate of reading.candidates.slice(0, MAX_CANDIDATES)) {
    const score = candidate.score <= -100 ? 'out' : String(candidate.score);
    const notes = candidate.notes.length ? `  [${candidate.notes.join('; ')}]` : '';
    lines.push(
      `  ${score.padStart(4)}  ${candidate.source.padEnd(20)} ${JSON.stringify(candidate.value)}  from "${candidate.evidence}"${notes}`,
    );
  }
  const more = reading.candidates.length - MAX_CANDIDATES;
  if (more > 0) lines.push(`  … ${more} more`);
  return lines;
}

/** Human-readable lines explaining how the facts about who were chosen. */
export function explainInvite(understood: UnderstoodInvite): string[] {
  if (!understood.isInvite) {
    return [`not an invite: ${NOT_INVITE[understood.notInviteReason ?? 'no-original']}`];
  }
  const sources = understood.sources;
  if (!sources) return ['no explanation recorded'];
  const lines: string[] = [];
  for (const key of Object.keys(LABELS) as (keyof WhoSources)[]) {
    lines.push(...describe(LABELS[key], sources[key]));
  }
  const { interview } = understood.facts;
  lines.push(
    `interview.start: ${interview.start ?? '-'} (${interview.start ? (interview.certain ? 'certain' : 'uncertain') : 'not found'}; read by the time reader)`,
  );
  return lines;
}
