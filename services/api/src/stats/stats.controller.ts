import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { searchConstraints } from '@sipflow/auth';
import {
  Bucket,
  RateDimension,
  StatsServiceControllerMethods,
  type KpisRequest,
  type KpisResponse,
  type ResponseCodeRatesRequest,
  type ResponseCodeRatesResponse,
  type StatsServiceController,
} from '@sipflow/proto';
import type { RateDimension as StoreDimension, SipStore } from '@sipflow/store';
import { callerOf } from '../auth/caller';
import { Allow } from '../auth/rpc-access';
import { ApiError } from '../errors/api-error';
import type { ApiSettings } from '../server/api-settings';
import { API_SETTINGS, SIP_STORE } from '../server/tokens';

const DAY_US = 86_400_000_000;
/** Longest range one request may cover: 31 days of minutes is 44 640 buckets per series. */
const MAX_RANGE_US = 31 * DAY_US;

const DIMENSIONS: Record<number, StoreDimension> = {
  [RateDimension.RATE_DIMENSION_DEVICE]: 'device',
  [RateDimension.RATE_DIMENSION_CODE]: 'code',
  [RateDimension.RATE_DIMENSION_CLASS]: 'class',
  [RateDimension.RATE_DIMENSION_METHOD]: 'method',
};

/** [since, until) with the defaults (the last 24 hours) and bounds applied. */
export function rangeOf(sinceUs: number, untilUs: number, nowUs = Date.now() * 1000): { since: number; until: number } {
  const until = untilUs || nowUs;
  const since = sinceUs || until - DAY_US;
  if (since >= until) throw ApiError.invalid('since_us must be before until_us');
  if (until - since > MAX_RANGE_US) throw ApiError.invalid('the range is at most 31 days');
  return { since, until };
}

@Controller()
@StatsServiceControllerMethods()
export class StatsController implements StatsServiceController {
  constructor(
    @Inject(SIP_STORE) private readonly store: SipStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  /**
   * Stats are per device and mix everyone's traffic: a principal narrowed to customers sees none,
   * one narrowed to device groups only the devices of their groups, one at a time.
   */
  private checkScope(metadata: Metadata | undefined, device: string): void {
    const constraints = searchConstraints(callerOf(metadata).principal, { plan: this.settings.plan });
    if (constraints.kind === 'all') return;
    if (constraints.kind === 'none' || constraints.parties)
      throw ApiError.denied('your scope does not include statistics');
    if (constraints.devices && !constraints.devices.deviceIds.includes(device)) {
      throw ApiError.denied('your scope is limited to some devices: ask for one of them (device)');
    }
  }

  @Allow('stats:read')
  async responseCodeRates(request: ResponseCodeRatesRequest, metadata?: Metadata): Promise<ResponseCodeRatesResponse> {
    this.checkScope(metadata, request.device);
    const { since, until } = rangeOf(request.sinceUs, request.untilUs);
    const groupBy = (request.groupBy ?? []).map((d) => DIMENSIONS[d]);
    if (groupBy.some((d) => d === undefined)) throw ApiError.invalid('group_by: device, code, class or method');
    const rates = await this.store.responseCodeRatesBy({
      since,
      until,
      bucket: request.bucket === Bucket.BUCKET_HOUR ? 'hour' : 'minute',
      groupBy: groupBy.length ? (groupBy as StoreDimension[]) : ['device', 'code'],
      ...(request.device && { device: request.device }),
      ...(request.method && { method: request.method }),
    });
    return {
      rates: rates.map((r) => ({
        bucketStartUs: r.bucket,
        device: r.device,
        method: r.method,
        status: r.status,
        statusClass: r.statusClass,
        count: r.count,
      })),
    };
  }

  @Allow('stats:read')
  async kpis(request: KpisRequest, metadata?: Metadata): Promise<KpisResponse> {
    this.checkScope(metadata, request.device);
    const { since, until } = rangeOf(request.sinceUs, request.untilUs);
    const k = await this.store.kpis({ since, until, ...(request.device && { device: request.device }) });
    const ms = (us: number) => Math.round(us / 100) / 10;
    return {
      calls: k.calls,
      answered: k.answered,
      asr: k.calls ? k.answered / k.calls : 0,
      ner: k.calls ? k.effective / k.calls : 0,
      pddP50Ms: ms(k.pddUs[0]),
      pddP90Ms: ms(k.pddUs[1]),
      pddP95Ms: ms(k.pddUs[2]),
      pddP99Ms: ms(k.pddUs[3]),
      pddSamples: k.pddSamples,
      registrations: k.registrations,
      registrationFailures: k.registrationFailures,
      outcomes: k.outcomes,
    };
  }
}
