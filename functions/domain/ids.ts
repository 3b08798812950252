import { createHash } from 'node:crypto';

/** A case's id, derived from the SES message that created it: a duplicate delivery finds the same case. */
export const caseIdFor = (sesMessageId: string) =>
  `c${createHash('sha256').update(sesMessageId).digest('hex').slice(0, 24)}`;

/** Only a hash of a reply token is stored: a copy of the table cannot drive anyone's case. */
export const hashToken = (token: string) => createHash('sha256').update(token.toLowerCase()).digest('hex');
