import type { Link } from '../model/link';

/**
 * A correction an engineer made by hand to what correlation decided. Corrections are kept apart from
 * the automatic result and applied on top of it every time calls are assembled, so re-correlation
 * (a restart, a late message, a re-import) cannot undo them.
 *
 * - `split` takes one leg out of its call: every automatic link touching the leg is overruled, now
 *   and whenever it is found again.
 * - `join` puts two calls together: a manual link between one leg of each.
 *
 * A later correction wins over an earlier one on the same leg (a join after a split re-links it).
 */
export interface Correction {
  id: string;
  action: 'split' | 'join';
  /** split: [the leg taken out]; join: [a leg of the first call, a leg of the second]. */
  legs: string[];
  reason: string;
  author: string;
  /** When it was made (µs since the epoch). */
  at: number;
}

/** A correction as a call shows it: beside the automatic evidence, with the links it overruled. */
export interface AppliedCorrection extends Correction {
  /** Automatic links this correction cut (split), so the evidence panel can show what was overruled. */
  overruled: Link[];
}

/** The manual link a join adds, with its reason and author as the evidence. */
export function manualLink(correction: Correction): Link {
  const [a, b] = correction.legs as [string, string];
  return {
    legs: a < b ? [a, b] : [b, a],
    kind: 'manual',
    confidence: 1,
    evidence: [
      {
        signal: 'joined by hand',
        detail: `${correction.author} joined these legs: ${correction.reason}`,
        values: { correction: correction.id, author: correction.author, reason: correction.reason },
      },
    ],
  };
}

/** Whether a correction is well formed: clear errors for the CLI and API rather than a silent no-op. */
export function correctionProblem(c: Pick<Correction, 'action' | 'legs' | 'reason' | 'author'>): string | undefined {
  if (c.action === 'split' && c.legs.length !== 1) return 'a split names exactly one leg';
  if (c.action === 'join' && (c.legs.length !== 2 || c.legs[0] === c.legs[1])) return 'a join names two different legs';
  if (!c.reason.trim()) return 'a correction needs a reason';
  if (!c.author.trim()) return 'a correction needs an author';
  return undefined;
}
