import { correlate, type CallGraph } from '@sipflow/correlation';
import { lookupHeader } from '@sipflow/ingest';
import { DeviceDirectory, type SipRecord } from '@sipflow/sip';
import type { GeneratedTraffic } from './generate';

export interface ScenarioAccuracy {
  scenario: string;
  /** Calls as the traffic says (distinct X-Test-Call values). */
  calls: number;
  /** Legs the correlator built for them. */
  legs: number;
  /** Calls whose legs the correlator put together in one call, with nothing else in it. */
  exact: number;
  /** Pairs of legs: correctly together, wrongly together, wrongly apart. */
  truePairs: number;
  falsePairs: number;
  missedPairs: number;
}

export const precision = (a: Pick<ScenarioAccuracy, 'truePairs' | 'falsePairs'>) =>
  a.truePairs + a.falsePairs === 0 ? 1 : a.truePairs / (a.truePairs + a.falsePairs);
export const recall = (a: Pick<ScenarioAccuracy, 'truePairs' | 'missedPairs'>) =>
  a.truePairs + a.missedPairs === 0 ? 1 : a.truePairs / (a.truePairs + a.missedPairs);

/**
 * Ground truth from the traffic itself: every INVITE a SIPp caller sent carries X-Test-Call, and
 * Kamailio forwarded it, so each SIP Call-ID (masked or not) belongs to the test call named there.
 * The correlator never reads that header.
 */
export function truthOf(records: readonly SipRecord[]): Map<string, string> {
  const callOf = new Map<string, string>();
  for (const r of records) {
    if (callOf.has(r.callId)) continue;
    const testCall = lookupHeader(r.raw, 'x-test-call');
    if (testCall) callOf.set(r.callId, testCall);
  }
  return callOf;
}

/** Correlates the generated traffic as one batch and scores leg → call grouping per scenario. */
export function scoreGrouping(traffic: GeneratedTraffic): { calls: CallGraph[]; scenarios: ScenarioAccuracy[] } {
  const { calls } = correlate(traffic.records, {}, new DeviceDirectory(traffic.devices));
  const truth = truthOf(traffic.records);
  // Every leg with the test call it belongs to and the call the correlator put it in.
  const legs = calls.flatMap((call) =>
    call.legs.map((leg) => ({ callId: call.id, truth: truth.get(leg.callId) ?? `unknown:${leg.callId}` })),
  );
  const scenarioOf = (testCall: string) => testCall.replace(/-\d+$/, '');
  const byScenario = new Map<string, ScenarioAccuracy>();
  const entry = (scenario: string) => {
    let e = byScenario.get(scenario);
    if (!e) {
      e = { scenario, calls: 0, legs: 0, exact: 0, truePairs: 0, falsePairs: 0, missedPairs: 0 };
      byScenario.set(scenario, e);
    }
    return e;
  };
  for (const leg of legs) entry(scenarioOf(leg.truth)).legs++;
  for (let i = 0; i < legs.length; i++) {
    for (let j = i + 1; j < legs.length; j++) {
      const a = legs[i]!;
      const b = legs[j]!;
      const together = a.callId === b.callId;
      const shouldBe = a.truth === b.truth;
      // A wrong join across scenarios counts against both.
      const scenarios = new Set([scenarioOf(a.truth), scenarioOf(b.truth)]);
      for (const s of scenarios) {
        if (together && shouldBe) entry(s).truePairs++;
        else if (together) entry(s).falsePairs++;
        else if (shouldBe) entry(s).missedPairs++;
      }
    }
  }
  const testCalls = new Set(truth.values());
  for (const testCall of testCalls) {
    const e = entry(scenarioOf(testCall));
    e.calls++;
    const homes = new Set(legs.filter((l) => l.truth === testCall).map((l) => l.callId));
    if (homes.size !== 1) continue;
    const [home] = homes;
    if (legs.every((l) => l.callId !== home || l.truth === testCall)) e.exact++;
  }
  return { calls, scenarios: [...byScenario.values()].sort((a, b) => a.scenario.localeCompare(b.scenario)) };
}
