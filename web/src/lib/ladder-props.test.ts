import type { CallFlow } from '@sipflow/proto';
import { describe, expect, it } from 'vitest';
import { ladderProps } from './ladder-props';

describe('ladderProps', () => {
  it('keeps what the ladder draws and drops what only the server-rendered panels use', () => {
    const flow = {
      call: { id: 'c1' },
      devices: [{ id: 'a' }],
      legs: [{ id: 'l1' }],
      messages: [{ id: 'm1', src: { address: '192.0.2.1', port: 5060 }, observations: [{ recordId: 'r1' }] }],
      links: [{ kind: 'b2bua' }],
      findings: [{ code: 'auth-failed', messageIndexes: [0], recordIds: ['r1'] }],
      clocks: { referenceDevice: 'a' },
      rewrites: [{ device: 'a' }],
      startUs: 1,
      endUs: 2,
    } as unknown as CallFlow;
    const props = ladderProps(flow);
    expect(props.devices).toBe(flow.devices);
    expect(props.legs).toBe(flow.legs);
    expect(props.messages[0]).toMatchObject({ id: 'm1', observations: [{ recordId: 'r1' }] });
    expect(props.messages[0]!.src).toBeUndefined();
    expect(props.findings[0]).toMatchObject({ code: 'auth-failed', messageIndexes: [0], recordIds: [] });
    expect([props.links, props.rewrites, props.call, props.clocks]).toEqual([[], [], undefined, undefined]);
  });
});
