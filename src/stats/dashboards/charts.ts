import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * Charts drawn on the server as SVG with Observable Plot over a small DOM (linkedom): the staff app
 * shows them as they are, and the same SVG can go into a PDF report. Labels are the app's own words
 * (codes mapped to names), never free text from a record.
 */
const { document } = parseHTML('<!doctype html><html><body></body></html>');

export interface Bar {
  label: string;
  value: number;
}

export function barChart(
  bars: readonly Bar[],
  opts: { title: string; xLabel: string; yLabel: string; horizontal?: boolean },
): string {
  const data = [...bars];
  const svg = opts.horizontal
    ? Plot.plot({
        document,
        ariaLabel: opts.title,
        marginLeft: 200,
        height: Math.max(120, data.length * 26 + 40),
        x: { label: opts.yLabel, grid: true },
        y: { label: null, domain: data.map((d) => d.label) },
        marks: [Plot.barX(data, { x: 'value', y: 'label', fill: '#0d7ea2' }), Plot.ruleX([0])],
      })
    : Plot.plot({
        document,
        ariaLabel: opts.title,
        height: 280,
        x: { label: opts.xLabel, type: 'band', tickRotate: data.length > 12 ? -45 : 0 },
        y: { label: opts.yLabel, grid: true },
        marginBottom: data.length > 12 ? 60 : 30,
        marks: [Plot.barY(data, { x: 'label', y: 'value', fill: '#0d7ea2' }), Plot.ruleY([0])],
      });
  return withRole(svg);
}

export interface Point {
  label: string;
  series: string;
  value: number;
}

/** Bars split by a second grouping (e.g. outcomes within an agency), one colour a group, with a legend. */
export function stackedBars(points: readonly Point[], opts: { title: string; yLabel: string; horizontal?: boolean }): string {
  const data = [...points];
  const labels = [...new Set(data.map((d) => d.label))];
  const svg = opts.horizontal
    ? Plot.plot({
        document,
        ariaLabel: opts.title,
        marginLeft: 200,
        height: Math.max(140, labels.length * 26 + 60),
        color: { legend: true, scheme: 'tableau10' },
        x: { label: opts.yLabel, grid: true },
        y: { label: null, domain: labels },
        marks: [Plot.barX(data, { x: 'value', y: 'label', fill: 'series' }), Plot.ruleX([0])],
      })
    : Plot.plot({
        document,
        ariaLabel: opts.title,
        height: 300,
        color: { legend: true, scheme: 'tableau10' },
        x: { label: null, type: 'band', domain: labels, tickRotate: labels.length > 12 ? -45 : 0 },
        y: { label: opts.yLabel, grid: true },
        marginBottom: labels.length > 12 ? 60 : 30,
        marks: [Plot.barY(data, { x: 'label', y: 'value', fill: 'series' }), Plot.ruleY([0])],
      });
  return withRole(svg);
}

/** One line a series over months (e.g. the median and the 90th percentile), with a legend. */
export function lineChart(points: readonly Point[], opts: { title: string; yLabel: string }): string {
  const data = [...points];
  const labels = [...new Set(data.map((d) => d.label))];
  const svg = Plot.plot({
    document,
    ariaLabel: opts.title,
    height: 280,
    color: { legend: true, scheme: 'tableau10' },
    x: { label: null, type: 'point', domain: labels, tickRotate: labels.length > 12 ? -45 : 0 },
    y: { label: opts.yLabel, grid: true },
    marginBottom: labels.length > 12 ? 60 : 30,
    marks: [
      Plot.lineY(data, { x: 'label', y: 'value', z: 'series', stroke: 'series' }),
      Plot.dot(data, { x: 'label', y: 'value', fill: 'series' }),
    ],
  });
  return withRole(svg);
}

/**
 * The chart is one image named by its title (the table beside it gives the figures), so the names Plot
 * gives its marks and axes inside are taken off: inside role="img" they are not allowed. With a legend
 * Plot returns a <figure> around the SVG.
 */
function withRole(chart: ReturnType<typeof Plot.plot>): string {
  const svgs = chart.tagName.toLowerCase() === 'svg' ? [chart] : [...chart.querySelectorAll('svg[aria-label]')];
  for (const svg of svgs) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('class', 'beacon-chart');
    // The chart is one image (its words and table are beside it): labels on its parts are not allowed inside role="img".
    for (const inner of svg.querySelectorAll('[aria-label]')) inner.removeAttribute('aria-label');
  }
  // Plot's own <style> and style attributes are inline CSS, which the staff app's policy blocks; the
  // app styles `.beacon-chart` itself.
  for (const style of [...chart.querySelectorAll('style')]) style.remove();
  for (const styled of [chart, ...chart.querySelectorAll('[style]')]) styled.removeAttribute('style');
  return chart.outerHTML;
}
