import { Correlator } from '@sipflow/correlation';
import { computeRecordId, type SipRecord } from '@sipflow/sip';
import type { SipStore } from '@sipflow/store';
import { seedCallDevices, seedCallExpectation, seedCallRecords } from '@sipflow/testing';

/** The seed call's caller and callee digits (samples/seed-call), rewritten per copy. */
const CALLER = '1632960123';
const CALLEE = '1632960999';

export interface GeneratedStore {
  calls: number;
  messages: number;
  /** Numbers of a few copies, to search for. */
  callers: string[];
  sipCallIds: string[];
  seconds: number;
}

/**
 * Fills the store with `copies` calls shaped like the seed call (8 legs, 9 devices, 72 observed
 * messages: B2BUA hops, forks, CANCELs, recorders, a digest challenge), spread evenly over the last
 * `spanHours`, each with its own SIP Call-IDs, caller (+44 16329xxxxx) and callee (+44 17xxxxxxxx),
 * correlated by the real correlator and written by the real store in batches.
 */
export async function generateStore(store: SipStore, copies: number, spanHours = 24): Promise<GeneratedStore> {
  const started = performance.now();
  const template = seedCallRecords({ startAtUs: 0 });
  const legIds = seedCallExpectation().legs.map((l) => l.callId.split('@')[0]!);
  const nowUs = Date.now() * 1000;
  const stepUs = Math.floor((spanHours * 3_600_000_000) / copies);
  const callers: string[] = [];
  const sipCallIds: string[] = [];
  let messages = 0;
  const batch = 200;
  for (let first = 0; first < copies; first += batch) {
    const correlator = new Correlator({}, seedCallDevices());
    const records: SipRecord[] = [];
    for (let i = first; i < Math.min(copies, first + batch); i++) {
      const tag = i.toString(36).padStart(6, '0');
      const caller = `16329${String(i % 100_000).padStart(5, '0')}`;
      const callee = `17${String(i).padStart(8, '0')}`;
      if (i % Math.max(1, Math.floor(copies / 50)) === 0) {
        callers.push(`+44${caller}`);
        sipCallIds.push(`${legIds[1]!.slice(0, -6)}${tag}`);
      }
      const startUs = nowUs - spanHours * 3_600_000_000 + i * stepUs;
      for (const r of template) {
        let text = Buffer.from(r.raw).toString('latin1');
        for (const id of legIds) text = text.split(id).join(`${id.slice(0, -6)}${tag}`);
        text = text.split(CALLER).join(caller).split(CALLEE).join(callee);
        const raw = Buffer.from(text, 'latin1');
        const captureTimeUs = r.captureTimeUs + startUs;
        const callId = legIds.reduce((c, id) => c.split(id).join(`${id.slice(0, -6)}${tag}`), r.callId);
        records.push({
          ...r,
          raw,
          callId,
          captureTimeUs,
          recordId: computeRecordId(`${r.device.id}\u0000${r.direction}`, captureTimeUs, raw),
        });
      }
    }
    const observed = correlator.add(records).accepted;
    await store.write({ messages: observed, ...correlator.flushAll() });
    messages += observed.length;
    if ((first / batch) % 10 === 0) process.stdout.write(`\r  generated ${messages.toLocaleString('en')} messages`);
  }
  process.stdout.write('\n');
  return { calls: copies, messages, callers, sipCallIds, seconds: (performance.now() - started) / 1000 };
}
