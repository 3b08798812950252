import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { RawMailNotFoundError } from '../domain/errors.js';
import type { RawMailStore } from '../domain/ports.js';

/** Raw mail as SES's S3 action stored it: `<prefix><SES message id>`. */
export class S3RawMailStore implements RawMailStore {
  constructor(
    private readonly s3: S3Client,
    private readonly location: { bucket: string; prefix: string },
  ) {}

  async getRawMail(sesMessageId: string): Promise<Uint8Array> {
    if (!/^[A-Za-z0-9._-]{1,200}$/.test(sesMessageId))
      throw new RawMailNotFoundError('not a valid SES message id');
    try {
      const object = await this.s3.send(
        new GetObjectCommand({ Bucket: this.location.bucket, Key: `${this.location.prefix}${sesMessageId}` }),
      );
      if (!object.Body) throw new RawMailNotFoundError('stored mail has no body');
      return await object.Body.transformToByteArray();
    } catch (error) {
      if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') {
        throw new RawMailNotFoundError(`raw mail ${sesMessageId} is not in the bucket`, { cause: error });
      }
      throw error;
    }
  }
}
