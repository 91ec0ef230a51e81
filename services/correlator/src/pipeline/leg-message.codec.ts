import type { LegUpdate } from '@sipflow/correlation';

/**
 * sip.legs.v1 (internal, not a public contract): one leg as stage 1 emitted it, or the removal of a
 * leg id, as JSON. Every correlator reads the whole topic to assemble calls across partitions.
 */
export type LegMessage = { update: LegUpdate } | { removed: string };

export const encodeLegMessage = (message: LegMessage) => Buffer.from(JSON.stringify(message));
export const decodeLegMessage = (bytes: Uint8Array) => JSON.parse(Buffer.from(bytes).toString('utf8')) as LegMessage;
