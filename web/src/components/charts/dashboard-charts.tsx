'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ratesByDevice, ratesOverTime, type Rate, type StackedSeries } from '../../lib/rate-series';
import { EChart, type ChartOption } from './echart';

// Status classes in colours that read as what they mean, distinguishable without colour vision.
const CLASS_COLOURS: Record<string, string> = {
  '1xx': '#8c8c8c',
  '2xx': '#009E73',
  '3xx': '#56B4E9',
  '4xx': '#E69F00',
  '5xx': '#D55E00',
  '6xx': '#CC79A7',
};

function stacked(data: StackedSeries, time: boolean, horizontal = false): ChartOption {
  const category = {
    type: 'category',
    data: time ? data.categories.map((t) => new Date(t as number).toISOString().slice(11, 16)) : data.categories,
  };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: time ? 40 : 8, containLabel: true },
    ...(horizontal
      ? { yAxis: { ...category, inverse: true }, xAxis: { type: 'value' } }
      : { xAxis: category, yAxis: { type: 'value' } }),
    ...(time ? { dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }] } : {}),
    series: data.series.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'codes',
      data: s.values,
      ...(CLASS_COLOURS[s.name] ? { itemStyle: { color: CLASS_COLOURS[s.name] } } : {}),
      emphasis: { focus: 'series' },
    })),
  };
}

export interface DashboardChartsProps {
  rates: Rate[];
  bucketMs: number;
  deviceNames: Record<string, string>;
  drillClass?: number;
  outcomes: Record<string, number>;
}

/** Response codes over time (click a class to see its codes) and by device, and call outcomes. */
export function DashboardCharts({ rates, bucketMs, deviceNames, drillClass, outcomes }: DashboardChartsProps) {
  const router = useRouter();
  const path = usePathname();
  const params = useSearchParams();
  const drill = useCallback(
    (statusClass: number | undefined) => {
      const next = new URLSearchParams(params.toString());
      if (statusClass === undefined) next.delete('class');
      else next.set('class', String(statusClass));
      router.push(`${path}?${next.toString()}`);
    },
    [params, path, router],
  );
  const overTime = useMemo(
    () => stacked(ratesOverTime(rates, bucketMs, drillClass), true),
    [rates, bucketMs, drillClass],
  );
  const byDevice = useMemo(
    () =>
      stacked(
        ratesByDevice(rates, (id) => deviceNames[id] ?? id),
        false,
        true,
      ),
    [rates, deviceNames],
  );
  const outcomeChart = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: Object.entries(outcomes).map(([name, value]) => ({ name, value })),
          label: { formatter: '{b}: {c}' },
        },
      ],
    }),
    [outcomes],
  );
  const onTimeClick = useCallback(
    (p: { seriesName?: string }) => {
      const match = /^([1-6])xx$/.exec(p.seriesName ?? '');
      if (match) drill(Number(match[1]));
    },
    [drill],
  );
  return (
    <div className="charts">
      <section className="card" aria-labelledby="codes-heading">
        <h2 id="codes-heading">
          Response codes over time{drillClass !== undefined ? `: ${drillClass}xx by code` : ', by class'}
        </h2>
        {drillClass !== undefined ? (
          <button type="button" onClick={() => drill(undefined)}>
            ← all classes
          </button>
        ) : (
          <p className="muted">Click a class to see its codes.</p>
        )}
        <EChart option={overTime} label="Response codes over time" onClick={onTimeClick} testId="chart-codes" />
      </section>
      <section className="card" aria-labelledby="devices-heading">
        <h2 id="devices-heading">Response codes by device</h2>
        <EChart option={byDevice} label="Response codes by device" testId="chart-devices" />
      </section>
      <section className="card" aria-labelledby="outcomes-heading">
        <h2 id="outcomes-heading">Call outcomes</h2>
        <EChart option={outcomeChart} label="Call outcomes" testId="chart-outcomes" />
      </section>
    </div>
  );
}

/** Re-renders the page's server data every `seconds` while switched on. */
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  const [on, setOn] = useState(true);
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(timer);
  }, [on, seconds, router]);
  return (
    <label style={{ flexDirection: 'row', alignItems: 'center', gap: 6 }}>
      <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
      refresh every {seconds} s
    </label>
  );
}
