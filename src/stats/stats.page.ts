import type { Deployment, Lang } from '../core/deployment.ts';
import { html, type SafeHtml } from '../core/html.ts';
import { US_STATES } from '../shared/places.ts';
import { TOTAL } from './disclosure/frame.ts';
import { choropleth, MAP_SOURCE, type MapValue } from './map/choropleth.ts';
import type { PublishedFigure } from './stats.figures.ts';
import type { StoredRelease } from './stats.release.ts';

/** The frame every public page is drawn in (the intake module's public site), lent at composition. */
export type PublicFrame = (p: { lang: Lang; deployment: Deployment; title: string; path: string; body: SafeHtml }) => string;

const WORDS = {
  en: {
    title: 'Tips in figures',
    intro:
      'How many tips reached us in a year, by state, by what they were about and by how they came in. Figures are released once a year is over, and checked so that no child or family can be recognised in them.',
    hiddenRule: (k: number) =>
      `Counts from 1 to ${k - 1} are shown as “fewer than ${k}”. Some other counts are withheld, so that a hidden count cannot be worked out by subtracting the others from a total. Hidden figures are drawn hatched, never blank: blank would read as none.`,
    none: 'No year has been released yet.',
    year: (y: number, v: number, at: string) => `Released figures for ${y} (release ${v}, ${at}).`,
    total: (n: string) => `Tips in the year: ${n}.`,
    mapTitle: (y: number) => `Map of tips received in ${y} by state; the table below gives the same figures`,
    legend: 'Tips',
    byState: 'By state',
    byType: 'By what the tip was about',
    byChannel: 'By how the tip came in',
    byStateAndType: 'By state and what the tip was about',
    tip: 'Tips',
    state: 'State',
    type: 'Type',
    channel: 'Channel',
    fewer: (k: number) => `fewer than ${k}`,
    withheld: 'withheld',
    noTips: 'none',
    years: 'Other years',
    download: 'Download these figures',
    csv: 'as a spreadsheet (CSV)',
    json: 'as data (JSON)',
    mapSource: 'Map boundaries:',
    unknown: 'State not known',
    all: 'All',
    types: {
      child_sex_trafficking: 'Child sex trafficking',
      child_sex_tourism: 'Child sex tourism',
      online_enticement: 'Online enticement',
      other: 'Other (rare types grouped)',
    } as Record<string, string>,
    channels: {
      web_form: 'Web form',
      api: 'Electronic service providers',
      hotline: 'Hotline',
      esp: 'Electronic service providers',
    } as Record<string, string>,
  },
  es: {
    title: 'Los avisos en cifras',
    intro:
      'Cuántos avisos nos llegaron en un año, por estado, por su tema y por la vía por la que llegaron. Las cifras se publican cuando el año ha terminado, y se revisan para que nadie, ni niño ni familia, pueda ser reconocido en ellas.',
    hiddenRule: (k: number) =>
      `Los conteos de 1 a ${k - 1} se muestran como «menos de ${k}». Algunos otros conteos se ocultan para que un conteo oculto no pueda deducirse restando los demás de un total. Las cifras ocultas se dibujan rayadas, nunca en blanco: en blanco se leerían como cero.`,
    none: 'Todavía no se ha publicado ningún año.',
    year: (y: number, v: number, at: string) => `Cifras publicadas de ${y} (publicación ${v}, ${at}).`,
    total: (n: string) => `Avisos en el año: ${n}.`,
    mapTitle: (y: number) => `Mapa de los avisos recibidos en ${y} por estado; la tabla de abajo da las mismas cifras`,
    legend: 'Avisos',
    byState: 'Por estado',
    byType: 'Por el tema del aviso',
    byChannel: 'Por la vía del aviso',
    byStateAndType: 'Por estado y tema del aviso',
    tip: 'Avisos',
    state: 'Estado',
    type: 'Tema',
    channel: 'Vía',
    fewer: (k: number) => `menos de ${k}`,
    withheld: 'oculto',
    noTips: 'ninguno',
    years: 'Otros años',
    download: 'Descargar estas cifras',
    csv: 'como hoja de cálculo (CSV)',
    json: 'como datos (JSON)',
    mapSource: 'Límites del mapa:',
    unknown: 'Estado desconocido',
    all: 'Todos',
    types: {
      child_sex_trafficking: 'Trata sexual de menores',
      child_sex_tourism: 'Turismo sexual con menores',
      online_enticement: 'Captación en línea',
      other: 'Otros (temas poco frecuentes agrupados)',
    } as Record<string, string>,
    channels: {
      web_form: 'Formulario web',
      api: 'Proveedores de servicios electrónicos',
      hotline: 'Línea telefónica',
      esp: 'Proveedores de servicios electrónicos',
    } as Record<string, string>,
  },
};
type Words = (typeof WORDS)['en'];

const stateName = (code: string, t: Words) =>
  code === 'unknown' ? t.unknown : ((US_STATES as Record<string, string>)[code] ?? code);

/** A figure as a table cell: hidden ones hatched, with the words a screen reader says. */
function cell(f: PublishedFigure | undefined, t: Words, k: number): SafeHtml {
  if (!f || (f.count === null && !f.hidden)) return html`<td class="stats-cell">${t.noTips}</td>`;
  if (f.count === null) {
    const label = f.hidden === 'fewer_than_k' ? t.fewer(k) : t.withheld;
    return html`<td class="stats-cell stats-cell--hidden" data-hidden="${f.hidden}"><span>${label}</span></td>`;
  }
  return html`<td class="stats-cell">${f.count.toLocaleString('en-US')}</td>`;
}

function table(
  caption: string,
  head: string,
  rows: { label: string; figure: PublishedFigure | undefined }[],
  t: Words,
  k: number,
) {
  return html`<table class="usa-table usa-table--borderless stats-table">
<caption>${caption}</caption>
<thead><tr><th scope="col">${head}</th><th scope="col" class="stats-cell">${t.tip}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${r.label}</th>${cell(r.figure, t, k)}</tr>`)}</tbody>
</table>`;
}

const at = (key: readonly string[]) => key.join('\u001f');

/** States down, types across: the detail table, where most hidden cells are. */
function crossTable(
  caption: string,
  states: readonly string[],
  categories: readonly string[],
  figure: (s: string, c: string, ch: string) => PublishedFigure | undefined,
  t: Words,
  k: number,
): SafeHtml {
  return html`<div class="usa-table-container--scrollable" tabindex="0"><table class="usa-table usa-table--borderless stats-table">
<caption>${caption}</caption>
<thead><tr><th scope="col">${t.state}</th>${categories.map((c) => html`<th scope="col" class="stats-cell">${t.types[c] ?? c}</th>`)}</tr></thead>
<tbody>${states.map((s) => html`<tr><th scope="row">${stateName(s, t)}</th>${categories.map((c) => cell(figure(s, c, TOTAL), t, k))}</tr>`)}</tbody>
</table></div>`;
}

export function renderStatsPage(input: {
  lang: Lang;
  deployment: Deployment;
  frame: PublicFrame;
  release: StoredRelease | undefined;
  years: readonly number[];
}): string {
  const t = WORDS[input.lang];
  const withLang = (path: string) => (input.lang === 'es' ? `${path}${path.includes('?') ? '&' : '?'}lang=es` : path);
  const others = input.years.filter((y) => y !== input.release?.year);
  const otherYears =
    others.length === 0
      ? html``
      : html`<h2>${t.years}</h2><ul class="usa-list">${others.map((y) => html`<li><a class="usa-link" href="${withLang(`/stats?year=${y}`)}">${y}</a></li>`)}</ul>`;
  if (!input.release) {
    const body = html`<div class="usa-prose"><h1>${t.title}</h1><p>${t.intro}</p><p>${t.none}</p></div>`;
    return input.frame({ lang: input.lang, deployment: input.deployment, title: t.title, path: '/stats', body });
  }
  const r = input.release;
  const k = r.rules.k;
  const byKey = new Map(r.figures.map((f) => [at(f.key), f]));
  const figure = (state: string, category: string, channel: string) => byKey.get(at([state, category, channel]));
  const total = figure(TOTAL, TOTAL, TOTAL);
  const states = [...new Set(r.figures.map((f) => f.key[0]!).filter((s) => s !== TOTAL))].sort((a, b) =>
    stateName(a, t).localeCompare(stateName(b, t)),
  );
  const categories = [...new Set(r.figures.map((f) => f.key[1]!).filter((c) => c !== TOTAL))].sort();
  const channels = [...new Set(r.figures.map((f) => f.key[2]!).filter((c) => c !== TOTAL))].sort();
  const values = new Map<string, MapValue>(
    states.map((s) => {
      const f = figure(s, TOTAL, TOTAL);
      return [s, f?.count != null ? { count: f.count } : f?.hidden ? { hidden: f.hidden } : undefined];
    }),
  );
  const map = choropleth(values, {
    title: t.mapTitle(r.year),
    hiddenLabel: t.fewer(k),
    withheldLabel: t.withheld,
    noneLabel: t.noTips,
    legend: t.legend,
    nameOf: (code) => stateName(code, t),
  });
  const released = r.releasedAt.toISOString().slice(0, 10);
  const api = `/api/v1/stats/tips/${r.year}`;
  const body = html`<div class="usa-prose maxw-none">
<h1>${t.title}</h1>
<p class="font-sans-md">${t.intro}</p>
<p>${t.year(r.year, r.version, released)} ${total?.count != null ? t.total(total.count.toLocaleString('en-US')) : ''}</p>
<div class="usa-alert usa-alert--info usa-alert--slim"><div class="usa-alert__body"><p class="usa-alert__text">${t.hiddenRule(k)}</p></div></div>
<figure class="stats-figure">${map}<figcaption class="font-sans-3xs">${t.mapSource} ${MAP_SOURCE}</figcaption></figure>
<div class="grid-row grid-gap">
<div class="tablet:grid-col-6">${table(
    `${t.byState}, ${r.year}`,
    t.state,
    states.map((s) => ({ label: stateName(s, t), figure: figure(s, TOTAL, TOTAL) })),
    t,
    k,
  )}</div>
<div class="tablet:grid-col-6">
${table(
  `${t.byType}, ${r.year}`,
  t.type,
  categories.map((c) => ({ label: t.types[c] ?? c, figure: figure(TOTAL, c, TOTAL) })),
  t,
  k,
)}
${table(
  `${t.byChannel}, ${r.year}`,
  t.channel,
  channels.map((c) => ({ label: t.channels[c] ?? c, figure: figure(TOTAL, TOTAL, c) })),
  t,
  k,
)}
</div>
</div>
${crossTable(`${t.byStateAndType}, ${r.year}`, states, categories, figure, t, k)}
<h2>${t.download}</h2>
<ul class="usa-list"><li><a class="usa-link" href="${api}?format=csv">${t.csv}</a></li><li><a class="usa-link" href="${api}">${t.json}</a></li></ul>
${otherYears}
</div>`;
  return input.frame({ lang: input.lang, deployment: input.deployment, title: `${t.title} ${r.year}`, path: '/stats', body });
}
