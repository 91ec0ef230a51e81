import { correlate } from '@sipflow/correlation';
import { DeviceDirectory } from '@sipflow/sip';
import { makeTempDir } from '@sipflow/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTraffic, SCENARIOS, type GeneratedTraffic } from '../accuracy/generate';
import { precision, recall, scoreGrouping } from '../accuracy/score';

const CALLS = 10;

// Issue 4's accuracy check on generated traffic: SIPp calls through real Kamailio proxies (basic,
// busy, cancelled while ringing, parallel fork, 407 digest challenge, topology hiding that masks the
// Call-ID), mirrored over HEP v3. The same numbers on every call of a scenario and overlapping calls:
// behaviour alone must not join two calls. `node bench/accuracy/run.cjs` prints the full table.
describe('leg → call grouping on SIPp traffic through Kamailio', () => {
  const dir = makeTempDir('accuracy-');
  let traffic: GeneratedTraffic;
  afterAll(() => dir.remove());

  it(`groups ${CALLS} calls of each scenario exactly: 100% precision, ≥ 99% recall`, async () => {
    traffic = await generateTraffic({ dir: dir.path, callsPerScenario: CALLS, rate: 10 });
    expect(traffic.rejectedDatagrams).toBe(0);
    for (const scenario of SCENARIOS)
      expect(traffic.completed[scenario], scenario).toEqual({ asked: CALLS, successful: CALLS });

    const { calls, scenarios } = scoreGrouping(traffic);
    expect(scenarios.map((s) => s.scenario).sort()).toEqual([...SCENARIOS].sort());
    for (const s of scenarios) {
      expect(s.calls, s.scenario).toBe(CALLS);
      expect(precision(s), s.scenario).toBe(1);
      expect(recall(s), s.scenario).toBeGreaterThanOrEqual(0.99);
      expect(s.exact, s.scenario).toBe(CALLS);
    }
    // Forks: three legs per call (caller → proxy, proxy → each phone), the losing branch cancelled.
    expect(scenarios.find((s) => s.scenario === 'fork')!.legs).toBe(CALLS * 3);
    // The masked Call-ID is joined by the From tag the proxy kept, and said so.
    const hidden = calls.filter((c) => c.legs.some((l) => l.uac.name === 'Kamailio topology hider'));
    expect(hidden).toHaveLength(CALLS);
    for (const call of hidden) {
      expect(new Set(call.legs.map((l) => l.callId)).size).toBe(2);
      expect(call.links.flatMap((l) => l.evidence.map((e) => e.signal))).toContain('from-tag');
    }
  }, 180_000);

  it('groups the same whatever order the messages arrive in', () => {
    const devices = new DeviceDirectory(traffic.devices);
    const grouping = (records: GeneratedTraffic['records']) =>
      correlate(records, {}, devices)
        .calls.map((c) => c.sipCallIds.slice().sort().join(' '))
        .sort();
    const reversed = [...traffic.records].reverse();
    expect(grouping(reversed)).toEqual(grouping(traffic.records));
  });
});
