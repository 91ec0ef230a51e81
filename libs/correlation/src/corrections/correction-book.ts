import type { Link } from '../model/link';
import { manualLink, type AppliedCorrection, type Correction } from './correction';

const linkKey = (link: Link) => `${link.legs[0]}|${link.legs[1]}|${link.kind}`;

/**
 * The corrections in force, indexed by leg, answering what assembly asks: is this automatic link
 * overruled, which manual links does this leg have, and which corrections shaped a call.
 */
export class CorrectionBook {
  private readonly byLeg = new Map<string, Correction[]>();
  /** Per leg: when it was last split (a join older than that no longer holds). */
  private readonly splitAt = new Map<string, number>();

  constructor(readonly corrections: readonly Correction[] = []) {
    const ordered = [...corrections].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    for (const c of ordered) {
      for (const leg of c.legs) this.byLeg.set(leg, [...(this.byLeg.get(leg) ?? []), c]);
      if (c.action === 'split') this.splitAt.set(c.legs[0]!, c.at);
    }
  }

  get size(): number {
    return this.corrections.length;
  }

  /** Every leg any correction names. */
  legs(): string[] {
    return [...this.byLeg.keys()];
  }

  /** The split that overrules an automatic link, if one of its legs was taken out by hand. */
  overrulingSplit(link: Link): Correction | undefined {
    if (link.kind === 'manual') return undefined;
    for (const leg of link.legs) {
      const split = this.byLeg.get(leg)?.findLast((c) => c.action === 'split');
      if (split) return split;
    }
    return undefined;
  }

  /** Manual links of a leg: joins made after any split of either of their legs. */
  manualLinksOf(legId: string): Link[] {
    return (this.byLeg.get(legId) ?? [])
      .filter((c) => c.action === 'join' && c.legs.every((leg) => (this.splitAt.get(leg) ?? -Infinity) < c.at))
      .map(manualLink);
  }

  /** Automatic links less the overruled ones, plus the manual links among `members` (if given). */
  correct(links: readonly Link[], members?: ReadonlySet<string>): Link[] {
    const out = new Map<string, Link>();
    for (const link of links) if (!this.overrulingSplit(link)) out.set(linkKey(link), link);
    for (const leg of members ?? this.byLeg.keys()) {
      for (const link of this.manualLinksOf(leg)) {
        if (!members || (members.has(link.legs[0]) && members.has(link.legs[1]))) out.set(linkKey(link), link);
      }
    }
    return [...out.values()];
  }

  /** The corrections naming any of `members` or cutting a link of theirs, each with the automatic links it overruled. */
  appliedTo(members: ReadonlySet<string>, automatic: readonly Link[]): AppliedCorrection[] {
    const seen = new Map<string, AppliedCorrection>();
    for (const leg of members) {
      for (const c of this.byLeg.get(leg) ?? []) if (!seen.has(c.id)) seen.set(c.id, { ...c, overruled: [] });
    }
    // A split also shows on the call the leg left, through the links it cut there.
    for (const link of automatic) {
      const split = this.overrulingSplit(link);
      if (!split) continue;
      let applied = seen.get(split.id);
      if (!applied) seen.set(split.id, (applied = { ...split, overruled: [] }));
      if (!applied.overruled.some((l) => linkKey(l) === linkKey(link))) applied.overruled.push(link);
    }
    return [...seen.values()].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  }
}
