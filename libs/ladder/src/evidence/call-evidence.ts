import type { CallGraph, Link, LinkKind } from '@sipflow/correlation';

/** One link as the evidence panel shows it: between leg labels, with what matched in words. */
export interface EvidenceLink {
  /** Leg labels (L1, L2 …), or 'another call' for a leg outside this call. */
  legs: [string, string];
  legIds: [string, string];
  kind: LinkKind;
  confidence: number;
  device?: string;
  /** Made by hand (a join), not found by correlation. */
  manual: boolean;
  evidence: { signal: string; detail: string }[];
}

export interface EvidenceCorrection {
  id: string;
  action: 'split' | 'join';
  legs: string[];
  author: string;
  reason: string;
  /** µs since the epoch. */
  at: number;
  /** Automatic links the correction overruled (a split). */
  overruled: EvidenceLink[];
}

/** Why these legs are one call: automatic and manual links, and the corrections made by hand. */
export interface CallEvidence {
  links: EvidenceLink[];
  corrections: EvidenceCorrection[];
}

export function callEvidence(call: CallGraph, labelOf: ReadonlyMap<string, string>): CallEvidence {
  const label = (id: string) => labelOf.get(id) ?? 'another call';
  // Legs of this call first, in label order (L2–L5, not L5–L2).
  const rank = (id: string) => (labelOf.has(id) ? Number(label(id).slice(1)) : Infinity);
  const link = (l: Link): EvidenceLink => {
    const legIds: [string, string] = rank(l.legs[1]) < rank(l.legs[0]) ? [l.legs[1], l.legs[0]] : l.legs;
    return linkOf(l, legIds, label);
  };
  return {
    links: call.links
      .map(link)
      .sort((a, b) => rank(a.legIds[0]) - rank(b.legIds[0]) || rank(a.legIds[1]) - rank(b.legIds[1])),
    corrections: (call.corrections ?? []).map((c) => ({
      id: c.id,
      action: c.action,
      legs: c.legs.map(label),
      author: c.author,
      reason: c.reason,
      at: c.at,
      overruled: c.overruled.map(link),
    })),
  };
}

function linkOf(l: Link, legIds: [string, string], label: (id: string) => string): EvidenceLink {
  return {
    legs: [label(legIds[0]), label(legIds[1])],
    legIds,
    kind: l.kind,
    confidence: l.confidence,
    ...(l.device ? { device: l.device } : {}),
    manual: l.kind === 'manual',
    evidence: l.evidence.map((e) => ({ signal: e.signal, detail: e.detail })),
  };
}
