import { readFileSync } from 'node:fs';
import { html, type SafeHtml } from '../../core/html.ts';

interface StateMap {
  source: string;
  width: number;
  height: number;
  states: { code: string; d: string }[];
}

/** Projected once by scripts/state-map.ts from the Census boundaries in us-atlas; read once here. */
const MAP = JSON.parse(readFileSync(new URL('./state-map.json', import.meta.url), 'utf8')) as StateMap;

/** A state's figure as published: a count, or hidden (and why). */
export type MapValue = { count: number } | { hidden: 'fewer_than_k' | 'withheld' } | undefined;

/** Five shades of one blue, light to dark (contrast against white text is not needed: labels sit outside). */
const SHADES = ['#e1f3f8', '#97d4ea', '#28a0cb', '#0d7ea2', '#074b69'];

/** Class breaks at the quintiles of the published counts: five groups of about equal size. */
export function breaksOf(counts: readonly number[]): number[] {
  const sorted = [...counts].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  return [1, 2, 3, 4].map((q) => sorted[Math.min(sorted.length - 1, Math.floor((q * sorted.length) / 5))]!);
}

export function shadeOf(count: number, breaks: readonly number[]): number {
  return breaks.filter((b) => count >= b).length;
}

export interface MapWords {
  title: string;
  hiddenLabel: string;
  withheldLabel: string;
  noneLabel: string;
  legend: string;
  nameOf: (code: string) => string;
}

/**
 * The choropleth as inline SVG: shades for counts, a hatch for figures hidden by disclosure control
 * (never white, which would read as zero), a title on every state for pointer and screen reader.
 * The same figures are in the table beside it.
 */
export function choropleth(values: ReadonlyMap<string, MapValue>, words: MapWords): SafeHtml {
  const counts = [...values.values()].flatMap((v) => (v && 'count' in v && v.count > 0 ? [v.count] : []));
  const breaks = breaksOf(counts);
  const shapes = MAP.states.map((s) => {
    const v = values.get(s.code);
    const name = words.nameOf(s.code);
    if (v && 'hidden' in v) {
      const label = v.hidden === 'fewer_than_k' ? words.hiddenLabel : words.withheldLabel;
      return html`<path d="${s.d}" fill="url(#beacon-hatch)" class="stats-map__hidden"><title>${name}: ${label}</title></path>`;
    }
    const count = v && 'count' in v ? v.count : 0;
    const fill = count === 0 ? '#f0f0f0' : SHADES[shadeOf(count, breaks)];
    const label = count === 0 ? words.noneLabel : count.toLocaleString('en-US');
    return html`<path d="${s.d}" fill="${fill}"><title>${name}: ${label}</title></path>`;
  });
  const legend = [0, 1, 2, 3, 4].map((i) => {
    const from = i === 0 ? 1 : breaks[i - 1];
    const to = i < 4 ? (breaks[i] ?? 0) - 1 : undefined;
    const text = to === undefined ? `${from ?? ''}+` : `${from ?? ''}–${to}`;
    return html`<g transform="translate(${40 + i * 90},575)"><rect width="24" height="14" fill="${SHADES[i]}" stroke="#565c65"></rect><text x="30" y="12" font-size="13">${text}</text></g>`;
  });
  return html`<svg class="stats-map" viewBox="0 0 ${MAP.width} ${MAP.height}" role="img" aria-labelledby="stats-map-title">
<title id="stats-map-title">${words.title}</title>
<defs><pattern id="beacon-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"></rect><line x1="0" y1="0" x2="0" y2="6" stroke="#565c65" stroke-width="2"></line></pattern></defs>
<g stroke="#ffffff" stroke-width="0.75">${shapes}</g>
<g aria-hidden="true"><text x="40" y="565" font-size="13">${words.legend}</text>${breaks.length === 4 ? legend : ''}<g transform="translate(500,575)"><rect width="24" height="14" fill="url(#beacon-hatch)" stroke="#565c65"></rect><text x="30" y="12" font-size="13">${words.hiddenLabel}</text></g></g>
</svg>`;
}

export const MAP_SOURCE = MAP.source;
