import { hash } from 'node:crypto';

// One-shot hashing (crypto.hash): a fraction of the cost of a Hash object per digest.

/** A case's id, derived from the SES message that created it: a duplicate delivery finds the same case. */
export const caseIdFor = (sesMessageId: string) => `c${hash('sha256', sesMessageId).slice(0, 24)}`;

/** Only a hash of a reply token is stored: a copy of the table cannot drive anyone's case. */
export const hashToken = (token: string) => hash('sha256', token.toLowerCase());

/** A case's private address: replies to it are commands for that case. */
export const replyAddress = (reply: { token: string; domain: string }) =>
  `reply+${reply.token}@${reply.domain}`;

const REPLY_ADDRESS = /^reply\+([a-z2-7]{20,64})@(.+)$/i;

/** The token of a recipient that is a private reply address at our domain, or null. */
export function replyToken(candidate: { recipient: string; domain: string }): string | null {
  const match = candidate.recipient.match(REPLY_ADDRESS);
  return match?.[1] && match[2]?.toLowerCase() === candidate.domain ? match[1] : null;
}
