import type { Link, LinkEvidence, LinkKind } from '../model/link';

/** Collects links, one per pair of legs and kind, merging evidence found twice. */
export class LinkSet {
  private readonly links = new Map<string, Link>();

  add(a: string, b: string, kind: LinkKind, confidence: number, evidence: LinkEvidence[], device?: string): void {
    if (a === b) return;
    const legs: [string, string] = a < b ? [a, b] : [b, a];
    const key = `${legs[0]}|${legs[1]}|${kind}`;
    const existing = this.links.get(key);
    if (existing) {
      existing.confidence = Math.max(existing.confidence, confidence);
      for (const e of evidence) if (!existing.evidence.some((x) => x.signal === e.signal)) existing.evidence.push(e);
      return;
    }
    this.links.set(key, { legs, kind, confidence, evidence, ...(device ? { device } : {}) });
  }

  all(): Link[] {
    return [...this.links.values()].sort((x, y) =>
      x.legs[0] !== y.legs[0]
        ? x.legs[0] < y.legs[0]
          ? -1
          : 1
        : x.legs[1] !== y.legs[1]
          ? x.legs[1] < y.legs[1]
            ? -1
            : 1
          : x.kind < y.kind
            ? -1
            : 1,
    );
  }
}
