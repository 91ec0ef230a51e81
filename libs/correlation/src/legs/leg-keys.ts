import type { MessageFacts } from '../observe/message-facts';

/**
 * Methods that create no dialog: their out-of-dialog transactions between two devices under one
 * Call-ID form one leg (a registration and its refreshes, an OPTIONS ping), split where the
 * conversation pauses (RFC 3261 §10.2.4: a registrar client reuses its Call-ID for refreshes).
 */
export const NON_DIALOG_METHODS = new Set(['REGISTER', 'OPTIONS', 'MESSAGE', 'PUBLISH', 'INFO']);

export function pairKey(facts: MessageFacts): string {
  const a = facts.src.id;
  const b = facts.dst.id;
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export const dialogLegKey = (pair: string, originatingTag: string) => `d|${pair}|${originatingTag}`;
export const nonDialogLegKey = (pair: string, method: string) => `n|${pair}|${method}`;
