import { makeTempDir, samplePath } from '@sipflow/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { sipflowIn } from './cli-process';

// `sipflow hold` through the real command on the imported seed call (samples/seed-call). That a held
// call outlives its TTL and an un-held one does not is proven on the engine in libs/store/test/hold.test.ts.
describe('sipflow hold', () => {
  const data = makeTempDir('sipflow-cli-hold-');
  afterAll(() => data.remove());
  const { run, ok } = sipflowIn(data.path);

  it('holds a call with a reason and an expiry, lists it, shows it on the flow, and releases it', () => {
    ok('import', samplePath('seed-call', 'seed-call.syslog'));
    const [call] = JSON.parse(ok('calls', '--json')) as { id: string; sipCallIds: string[] }[];

    expect(run('hold', 'add', call!.id, '--days', '30').stderr).toContain('needs a reason');
    expect(run('hold', 'add', call!.id, '--reason', 'x', '--days', '-1').status).toBe(2);
    expect(run('hold', 'add', 'nope', '--reason', 'x', '--days', '1').status).toBe(1);

    // By a SIP Call-ID of one of its legs, as support staff often have it from a ticket.
    const [held] = JSON.parse(
      ok('hold', 'add', call!.sipCallIds[0]!, '--reason', 'ticket 4711', '--days', '30', '--author', 'alice', '--json'),
    );
    expect(held).toMatchObject({ call: call!.id, reason: 'ticket 4711', author: 'alice' });
    expect(Date.parse(held.expires) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(JSON.parse(ok('hold', 'list', '--json')).map((h: { id: string }) => h.id)).toEqual([held.id]);
    expect(JSON.parse(ok('flow', call!.id, '--json')).holds).toMatchObject([{ id: held.id, reason: 'ticket 4711' }]);
    expect(ok('flow', call!.id, '--text')).toContain(`by alice (${held.id}): ticket 4711`);

    expect(ok('hold', 'release', held.id)).toContain(`released ${held.id}`);
    expect(ok('hold', 'list')).toBe('no holds\n');
    expect(run('hold', 'release', held.id).status).toBe(1);
  });
});
