import { createHash } from 'node:crypto';

/** A short, stable id from its parts (legs, calls): the same parts always give the same id. */
export function stableId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
}
