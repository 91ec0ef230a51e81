'use client';

import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  SVGRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * One ECharts chart (SVG renderer: crisp at any zoom, and its marks are DOM a test can count),
 * following the page's theme colours and resizing with its box.
 */
export function EChart({
  option,
  label,
  onClick,
  testId,
}: {
  option: ChartOption;
  label: string;
  onClick?: (params: { seriesName?: string; name?: string; dataIndex?: number }) => void;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const css = getComputedStyle(element);
    const fg = css.getPropertyValue('--fg').trim() || '#14181f';
    const border = css.getPropertyValue('--border').trim() || '#c9d0da';
    const chart = echarts.init(element, undefined, { renderer: 'svg' });
    chart.setOption({
      textStyle: { color: fg },
      legend: { textStyle: { color: fg } },
      ...option,
      xAxis: withAxisColours(option.xAxis, fg, border),
      yAxis: withAxisColours(option.yAxis, fg, border),
    });
    if (onClick) chart.on('click', (params) => onClick(params as Parameters<typeof onClick>[0]));
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option, onClick]);
  return <div ref={box} className="chart" role="img" aria-label={label} data-testid={testId} />;
}

function withAxisColours(axis: unknown, fg: string, border: string): unknown {
  if (!axis) return axis;
  const style = (a: object) => ({
    axisLabel: { color: fg },
    axisLine: { lineStyle: { color: border } },
    splitLine: { lineStyle: { color: border, opacity: 0.5 } },
    ...a,
  });
  return Array.isArray(axis) ? axis.map(style) : style(axis as object);
}
