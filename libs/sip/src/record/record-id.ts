import { createHash } from 'node:crypto';

/**
 * Record id: a hash of who saw the message (device and direction), when, and its bytes. The same
 * observation ingested twice (a replayed file, a collector restart that re-reads its spool) gets
 * the same id, so stores and consumers can drop the duplicate; two devices logging the same message
 * give two records (two observations of one arrow).
 */
export function computeRecordId(observer: string, captureTimeUs: number, raw: Uint8Array): string {
  return createHash('sha256')
    .update(observer)
    .update('\u0000')
    .update(String(captureTimeUs))
    .update('\u0000')
    .update(raw)
    .digest('hex')
    .slice(0, 32);
}
