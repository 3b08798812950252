import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  type S3Client,
} from '@aws-sdk/client-s3';
import { RawMailNotFoundError } from '../domain/errors.js';
import type { RawMailStore } from '../domain/ports.js';

const VALID_ID = /^[A-Za-z0-9._-]{1,200}$/;

/** Raw mail as SES's S3 action stored it: `<prefix><SES message id>`. */
export class S3RawMailStore implements RawMailStore {
  constructor(
    private readonly s3: S3Client,
    private readonly location: { bucket: string; prefix: string },
  ) {}

  async getRawMail(sesMessageId: string): Promise<Uint8Array> {
    if (!VALID_ID.test(sesMessageId)) throw new RawMailNotFoundError('not a valid SES message id');
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

  /**
   * S3 answers a delete of an absent key with success, so each object is looked at first: the count
   * FORGET reports is of mail that was really there.
   */
  async deleteRawMail(sesMessageIds: readonly string[]): Promise<number> {
    let deleted = 0;
    for (const sesMessageId of sesMessageIds) {
      if (!VALID_ID.test(sesMessageId)) continue;
      const location = { Bucket: this.location.bucket, Key: `${this.location.prefix}${sesMessageId}` };
      try {
        await this.s3.send(new HeadObjectCommand(location));
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'NotFound' || name === 'NoSuchKey') continue;
        throw error;
      }
      await this.s3.send(new DeleteObjectCommand(location));
      deleted += 1;
    }
    return deleted;
  }
}
