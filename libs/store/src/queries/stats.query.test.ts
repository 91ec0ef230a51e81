import { describe, expect, it } from 'vitest';
import { buildKpis, buildResponseCodeRates } from './stats.query';

const layout = { database: 'sipflow' };
const range = { since: 1_800_000_000_000_000, until: 1_800_000_086_400_000 };

describe('buildResponseCodeRates', () => {
  it('groups by the dimensions asked for, under names that cannot shadow the columns', () => {
    const q = buildResponseCodeRates(layout, { ...range, bucket: 'hour', groupBy: ['class'] });
    expect(q.query).toContain('toStartOfHour(minute) AS r_bucket');
    expect(q.query).toContain('intDiv(status, 100) AS r_class');
    expect(q.query).toContain('toUInt16(0) AS r_status');
    expect(q.query).toMatch(/GROUP BY r_bucket, r_class\s/);
    expect(q.query).not.toMatch(/AS (status|device_id|method)\b/);
  });

  it('binds the device and method filters as parameters', () => {
    const hostile = "x' OR 1=1 --";
    const q = buildResponseCodeRates(layout, {
      ...range,
      bucket: 'minute',
      groupBy: ['device', 'code'],
      device: hostile,
      method: hostile,
    });
    expect(q.query).not.toContain(hostile);
    expect(q.params).toMatchObject({ device: hostile, method: hostile });
    expect(q.query).toMatch(/GROUP BY r_bucket, r_device, r_status, r_class/);
  });
});

describe('buildKpis', () => {
  it('reads the first leg out of the graph once and binds the range and device', () => {
    const q = buildKpis(layout, { ...range, device: 'cs-b' });
    expect(q.query.match(/JSONExtract\w*\(graph/g)).toHaveLength(1);
    expect(q.query).toContain('has(devices, {device:String})');
    expect(q.params.device).toBe('cs-b');
  });
});
