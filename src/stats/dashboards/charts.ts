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
  svg.setAttribute('role', 'img');
  // Plot's own <style> is inline CSS, which the staff app's policy blocks; the app styles `.beacon-chart` itself.
  for (const style of [...svg.querySelectorAll('style')]) style.remove();
  svg.setAttribute('class', 'beacon-chart');
  // The chart is one image (its words and table are beside it): labels on its parts are not allowed inside role="img".
  for (const part of [...svg.querySelectorAll('[aria-label]')]) part.removeAttribute('aria-label');
  return svg.outerHTML;
}
