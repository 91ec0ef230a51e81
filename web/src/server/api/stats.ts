import 'server-only';
import {
  AdminServiceService,
  Bucket,
  CallServiceService,
  RateDimension,
  StatsServiceService,
  type KpisResponse,
} from '@sipflow/proto';
import type { Rate } from '../../lib/rate-series';
import type { PortalSession } from '../session-seal';
import { api } from './api';

export interface DashboardData {
  rates: Rate[];
  bucketMs: number;
  kpis: KpisResponse;
  /** Failed calls (4xx–6xx) in the range, by callee number and by device. */
  topNumbers: { number: string; failures: number }[];
  topDevices: { device: string; failures: number }[];
  deviceNames: Record<string, string>;
}

/** Everything the dashboard draws for one time range, fetched in parallel. */
export async function dashboard(session: PortalSession, sinceMs: number, untilMs: number): Promise<DashboardData> {
  const hourly = untilMs - sinceMs > 12 * 3600_000;
  const range = { sinceUs: sinceMs * 1000, untilUs: untilMs * 1000 };
  const token = session.accessToken;
  const failed = (statusClass: number) =>
    api().unary(
      CallServiceService.searchCalls,
      { filter: { ...emptyFilter, ...range, statusClass }, pageSize: 500, pageToken: '', order: 0 },
      token,
    );
  const [rates, kpis, devices, ...failures] = await Promise.all([
    api().unary(
      StatsServiceService.responseCodeRates,
      {
        ...range,
        bucket: hourly ? Bucket.BUCKET_HOUR : Bucket.BUCKET_MINUTE,
        groupBy: [RateDimension.RATE_DIMENSION_DEVICE, RateDimension.RATE_DIMENSION_CODE],
        device: '',
        method: '',
      },
      token,
    ),
    api().unary(StatsServiceService.kpis, { ...range, device: '' }, token),
    // Device names are for administrators to edit but everyone to read; fall back to ids.
    api()
      .unary(AdminServiceService.listDevices, {}, token)
      .catch(() => ({ devices: [], pools: [] })),
    failed(4),
    failed(5),
    failed(6),
  ]);
  const byNumber = new Map<string, number>();
  const byDevice = new Map<string, number>();
  for (const call of failures.flatMap((f) => f.calls)) {
    if (call.callee) byNumber.set(call.callee, (byNumber.get(call.callee) ?? 0) + 1);
    for (const device of call.devices) byDevice.set(device, (byDevice.get(device) ?? 0) + 1);
  }
  const top = <K extends string>(m: Map<string, number>, key: K) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 10)
      .map(([k, failures]) => ({ [key]: k, failures }) as Record<K, string> & { failures: number });
  return {
    rates: rates.rates.map((r) => ({ ...r })),
    bucketMs: hourly ? 3600_000 : 60_000,
    kpis,
    topNumbers: top(byNumber, 'number'),
    topDevices: top(byDevice, 'device'),
    deviceNames: Object.fromEntries(devices.devices.map((d) => [d.id, d.name])),
  };
}

const emptyFilter = {
  number: '',
  numberMatch: 0,
  device: '',
  finding: '',
  sipCallId: '',
  kind: '',
  outcome: '',
};
