import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { FiguresStore } from '../model/figures-store.ts';

interface Props {
  store: FiguresStore;
  series: string;
  /** Accessible name, e.g. "orders messages/s, last 15 minutes". */
  label: string;
  color?: string;
}

const WIDTH = 180;
const HEIGHT = 44;

/**
 * A small uPlot line of one series. The chart is built once and fed with setData on each sample (no React
 * re-render of the canvas); `data-points` says how many points it holds, for tests and assistive tech.
 */
export function SparkChart({ store, series, label, color = '#2f6fde' }: Props) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const data = () => {
      const s = store.series(series);
      return { aligned: [s.times, s.values] as uPlot.AlignedData, known: s.values.filter((v) => v !== null).length };
    };
    const plot = new uPlot(
      {
        width: WIDTH,
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min ?? 0), Math.max(1, max ?? 1)] } },
        axes: [{ show: false }, { show: false }],
        series: [{}, { stroke: color, width: 1.5, fill: `${color}22`, spanGaps: false, points: { show: false } }],
        padding: [4, 2, 2, 2],
      },
      data().aligned,
      element,
    );
    const update = () => {
      const d = data();
      plot.setData(d.aligned);
      element.dataset.points = String(d.known);
    };
    update();
    const unsubscribe = store.subscribe(update);
    return () => {
      unsubscribe();
      plot.destroy();
    };
  }, [store, series, color]);
  return <div ref={host} className="spark" role="img" aria-label={label} data-series={series} />;
}
