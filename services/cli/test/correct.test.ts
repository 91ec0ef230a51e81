import { openStoreConnection } from '@sipflow/store';
import { makeTempDir, samplePath } from '@sipflow/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { sipflowIn } from './cli-process';

interface FlowJson {
  id: string;
  legs: { id: string; label: string; sipCallId: string; to: string }[];
  links: { kind: string; evidence: { detail: string }[] }[];
  corrections: { id: string; action: string; author: string; reason: string; overruled: { kind: string }[] }[];
}

// Corrections by hand through the real command, on the seed call (samples/seed-call: 8 legs, L7 is
// cs-b's recording leg to rec-1) imported into an embedded store.
describe('sipflow correct', () => {
  const data = makeTempDir('sipflow-cli-correct-');
  afterAll(() => data.remove());
  const { run, ok } = sipflowIn(data.path, { DEVICE_MAP_FILE: samplePath('seed-call', 'devices.json') });
  const calls = () =>
    (JSON.parse(ok('calls', '--json')) as { id: string; legs: number }[]).sort((a, b) => b.legs - a.legs);
  const flow = (id: string) => JSON.parse(ok('flow', id, '--json')) as FlowJson;
  const seed = samplePath('seed-call', 'seed-call.syslog');

  it('splits a leg out with a reason, keeps it split through re-correlation, joins it back, and audits each step', async () => {
    ok('import', seed);
    const [whole] = calls();
    expect(whole!.legs).toBe(8);
    const recording = flow(whole!.id).legs.find((l) => l.to === 'rec-1')!;

    // A reason is required.
    const refused = run('correct', 'split', whole!.id, '--leg', recording.label);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('needs a reason');

    const split = JSON.parse(
      ok(
        'correct',
        'split',
        whole!.id,
        '--leg',
        recording.label,
        '--reason',
        'recorder of another customer',
        '--author',
        'alice',
        '--json',
      ),
    );
    expect(split.calls.map((c: { legs: number }) => c.legs).sort()).toEqual([1, 7]);
    expect(calls().map((c) => c.legs)).toEqual([7, 1]);

    // The evidence panel: the correction beside the automatic evidence, with the link it overruled.
    const [main, alone] = calls();
    const aloneFlow = flow(alone!.id);
    expect(aloneFlow.legs.map((l) => l.sipCallId)).toEqual([recording.sipCallId]);
    expect(aloneFlow.corrections).toMatchObject([
      { action: 'split', author: 'alice', reason: 'recorder of another customer', overruled: [{ kind: 'recording' }] },
    ]);
    const text = ok('flow', main!.id, '--text');
    expect(text).toContain('Why these legs are one call:');
    expect(text).toMatch(/b2bua/);
    expect(text).toContain('Corrected by hand:');
    expect(text).toMatch(/a leg split out by alice at .*: recorder of another customer/);
    expect(text).toMatch(/overruled L\d+–another call recording/);

    // Re-correlation (the same capture imported again) applies the correction again.
    ok('import', seed);
    expect(calls().map((c) => c.legs)).toEqual([7, 1]);

    // Joined back by hand: one call, a manual link whose evidence names the author and reason.
    const joined = JSON.parse(
      ok('correct', 'join', main!.id, alone!.id, '--reason', 'same complaint', '--author', 'bob', '--json'),
    );
    expect(joined.calls).toHaveLength(1);
    expect(joined.removed).toEqual([alone!.id]);
    const [one] = calls();
    expect(one!.legs).toBe(8);
    const manual = flow(one!.id).links.find((l) => l.kind === 'manual')!;
    expect(manual.evidence[0]!.detail).toBe('bob joined these legs: same complaint');
    expect(ok('flow', one!.id, '--text')).toMatch(/L1–L\d+ joined by hand/);

    // Withdrawn: the join goes, the split holds again.
    ok('correct', 'undo', joined.correction.id);
    expect(calls().map((c) => c.legs)).toEqual([7, 1]);
    // And the split withdrawn: the automatic links it overruled join the leg back.
    ok('correct', 'undo', split.correction.id);
    expect(calls().map((c) => c.legs)).toEqual([8]);
    expect(flow(calls()[0]!.id).corrections).toEqual([]);

    const connection = await openStoreConnection({
      CLICKHOUSE_USER: 'default',
      CLICKHOUSE_PASSWORD: '',
      CLICKHOUSE_DATABASE: 'sipflow',
      SIPFLOW_DATA_DIR: data.path,
    });
    try {
      const audit = await (
        await connection.client.query({
          query: `SELECT subject, action, peer, detail FROM sipflow.audit_log WHERE action LIKE 'call.correct%' ORDER BY ts`,
          format: 'JSONEachRow',
        })
      ).json<{ subject: string; action: string; peer: string; detail: string }>();
      expect(new Set(audit.map((a) => `${a.subject} ${a.action} ${a.peer}`))).toEqual(
        new Set(['alice call.correct cli', 'bob call.correct cli', `${audit.at(-1)!.subject} call.correct.revoke cli`]),
      );
      expect(JSON.parse(audit[0]!.detail)).toMatchObject({ action: 'split', reason: 'recorder of another customer' });
    } finally {
      await connection.close();
    }
  }, 300_000);

  it('refuses an unknown call or leg with a clear message', () => {
    const result = run('correct', 'split', 'no-such-call', '--leg', 'L1', '--reason', 'x');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no call no-such-call');
  });
});
