// Connect / handshake / total latency of a profile's recorded runs over time, drawn with uPlot (small,
// maintained, canvas-based). The chart is rebuilt when the colour scheme changes (its colours come from
// the theme's CSS variables) and resized with its container; new runs only replace its data.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TestRunSummary } from '../../../shared/api/tester-contract';
import { latencySeries, latencyText } from './latency-series';

const HEIGHT = 190;

function themeColor(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

function chartOptions(el: HTMLElement, width: number): uPlot.Options {
  const text = themeColor(el, '--text-muted', '#5b6472');
  const grid = themeColor(el, '--border', '#e1e4e9');
  const ms = (_u: uPlot, v: number | null) => (v === null || v === undefined ? '–' : `${v.toFixed(v < 10 ? 1 : 0)} ms`);
  const line = (label: string, color: string, dash?: number[]): uPlot.Series => ({
    label,
    stroke: color,
    width: 2,
    spanGaps: false,
    value: ms,
    points: { show: true, size: 5, fill: color },
    ...(dash ? { dash } : {}),
  });
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '11px system-ui, sans-serif' };
  // Without the cursor over the chart, the legend shows the newest run (not "–" for every phase).
  let settingLegend = false;
  const showNewest = (u: uPlot) => {
    if (settingLegend || (u.cursor.idx !== null && u.cursor.idx !== undefined)) return;
    const last = u.data[0].length - 1;
    if (last < 0) return;
    settingLegend = true;
    u.setLegend({ idx: last });
    settingLegend = false;
  };
  return {
    width,
    height: HEIGHT,
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
    series: [
      { label: 'Run', value: (_u, v) => (v === null ? '–' : new Date(v * 1000).toLocaleTimeString()) },
      line('Connect', themeColor(el, '--chart-connect', '#16794a')),
      line('Handshake', themeColor(el, '--chart-handshake', '#935400'), [6, 3]),
      line('Total', themeColor(el, '--chart-total', '#2563eb')),
    ],
    axes: [{ ...axis, space: 80 }, { ...axis, size: 64, values: (_u, values) => values.map((v) => `${v} ms`) }],
    legend: { live: true },
    hooks: { ready: [showNewest], setData: [showNewest], setLegend: [showNewest] },
    cursor: { drag: { x: false, y: false } },
  };
}

export function LatencyChart({ runs }: { runs: readonly TestRunSummary[] }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const data = latencySeries(runs);
  const dataRef = useRef(data);
  dataRef.current = data;

  // Build (and rebuild on a colour-scheme change); follow the container's width.
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const build = () => {
      plot.current?.destroy();
      plot.current = new uPlot(chartOptions(el, Math.max(200, el.clientWidth)), dataRef.current as uPlot.AlignedData, el);
    };
    build();
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', build);
    const resize = new ResizeObserver(() => {
      const width = Math.max(200, el.clientWidth);
      if (plot.current && Math.abs(plot.current.width - width) > 1) plot.current.setSize({ width, height: HEIGHT });
    });
    resize.observe(el);
    return () => {
      scheme.removeEventListener('change', build);
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, []);

  // New runs: new data, same chart.
  const points = data[0].length;
  const lastX = data[0][points - 1];
  useEffect(() => {
    plot.current?.setData(dataRef.current as uPlot.AlignedData);
  }, [points, lastX]);

  return (
    <figure className="latency-chart" data-testid="latency-chart" data-points={points}>
      <div ref={host} className="latency-chart-plot" aria-hidden="true" />
      <figcaption className="latency-chart-caption" data-testid="latency-chart-caption">
        Latency per run (connect, handshake, total). {latencyText(runs)}
      </figcaption>
    </figure>
  );
}
