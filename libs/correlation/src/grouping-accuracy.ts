import type { CallGraph } from './model/call-graph';

export interface GroupingAccuracy {
  /** Pairs of legs correctly in one call. */
  truePairs: number;
  /** Pairs of legs put in one call that belong to different calls ("callIdA|callIdB"). */
  falseJoins: string[];
  /** Pairs of legs of one call that were left in different calls. */
  missedJoins: string[];
}

/**
 * Pairwise precision/recall of how legs were grouped into calls, against ground truth given as
 * groups of SIP Call-IDs that form one call (every Call-ID not listed is a call of its own). A leg
 * is named by its Call-ID: legs sharing a Call-ID always belong together.
 */
export function groupingAccuracy(calls: readonly CallGraph[], together: readonly string[][]): GroupingAccuracy {
  const truthGroup = new Map<string, number>();
  together.forEach((group, i) => group.forEach((callId) => truthGroup.set(callId, i)));
  const groupOf = (callId: string) => (truthGroup.has(callId) ? `g${truthGroup.get(callId)}` : `c${callId}`);
  const predicted = new Map<string, string>();
  for (const call of calls) for (const leg of call.legs) predicted.set(`${leg.callId}\u0000${leg.id}`, call.id);
  const legs = [...predicted.keys()];
  let truePairs = 0;
  const falseJoins: string[] = [];
  const missedJoins: string[] = [];
  for (let i = 0; i < legs.length; i++) {
    for (let j = i + 1; j < legs.length; j++) {
      const [a, b] = [legs[i]!, legs[j]!];
      const callA = a.split('\u0000')[0]!;
      const callB = b.split('\u0000')[0]!;
      const same = predicted.get(a) === predicted.get(b);
      const shouldBe = groupOf(callA) === groupOf(callB);
      if (same && shouldBe) truePairs++;
      else if (same) falseJoins.push(`${callA}|${callB}`);
      else if (shouldBe) missedJoins.push(`${callA}|${callB}`);
    }
  }
  return { truePairs, falseJoins: [...new Set(falseJoins)], missedJoins: [...new Set(missedJoins)] };
}
