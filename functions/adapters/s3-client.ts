import { S3Client } from '@aws-sdk/client-s3';
import { SDK_RETRY } from './sdk-retry.js';

/** S3, built once per process; the stand-in (AWS_ENDPOINT_URL_S3) serves buckets by path, not by host. */
export const s3Client = new S3Client({
  ...SDK_RETRY,
  forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
});
