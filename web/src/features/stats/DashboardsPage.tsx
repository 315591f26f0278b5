import { Button, Form, Table } from '@trussworks/react-uswds';
import { US_STATES } from '@shared/places';
import { STATS_SECTION_IDS } from '@shared/stats';
import { useState, type FormEvent } from 'react';
import { api, query } from '../../api/client';
import type { StatsDashboard, StatsSection } from '../../api/types';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { useLoad } from '../../components/useLoad';
import { formatDateTime } from '../../components/format';

type Filter = { from: string; to: string; state: string };
const params = (f: Filter) => ({
  from: f.from === '' ? null : f.from,
  to: f.to === '' ? null : f.to,
  state: f.state === '' ? null : f.state,
});

function age(iso: string | null): string {
  if (iso === null) return 'The figures have not been built yet; they are refreshed every five minutes.';
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60_000));
  return `Figures as of ${formatDateTime(iso)} (${minutes} ${minutes === 1 ? 'minute' : 'minutes'} ago; refreshed every five minutes).`;
}

/** `/app/stats`: live figures for supervisors and administrators, each chart with its words and its table. */
export function DashboardsPage() {
  const [filter, setFilter] = useState<Filter>({ from: '', to: '', state: '' });
  const [draft, setDraft] = useState<Filter>(filter);
  // Each section is asked for on its own, so each answers within the dashboards' time goal and
  // the page fills in as they come; the first one's answer also says the period and the figures' age.
  const { data, error } = useSection(STATS_SECTION_IDS[0], filter);
  const [problem, setProblem] = useState<string | null>(null);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter(draft);
  };
  const download = async (s: StatsSection) => {
    try {
      await api.download(`/api/v1/stats/dashboard/${s.id}/csv${query(params(filter))}`, `${s.id}.csv`);
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  return (
    <Page heading="Statistics">
      <p>
        Exact counts for the organisation's own work. They are never published as they are: the public page shows released figures
        under disclosure control.
      </p>
      <Form onSubmit={apply} className="maxw-full">
        <div className="grid-row grid-gap">
          <div className="tablet:grid-col-3">
            <TextField
              id="stats-from"
              label="From month"
              hint="YYYY-MM"
              value={draft.from}
              onChange={(from) => setDraft({ ...draft, from })}
            />
          </div>
          <div className="tablet:grid-col-3">
            <TextField
              id="stats-to"
              label="To month"
              hint="YYYY-MM"
              value={draft.to}
              onChange={(to) => setDraft({ ...draft, to })}
            />
          </div>
          <div className="tablet:grid-col-4">
            <SelectField
              id="stats-state"
              label="State"
              value={draft.state}
              options={US_STATES}
              empty="All states"
              onChange={(state) => setDraft({ ...draft, state })}
            />
          </div>
        </div>
        <Button type="submit" outline>
          Show
        </Button>
      </Form>
      {error !== null && <Notice type="error">{error}</Notice>}
      {problem !== null && <Notice type="error">{problem}</Notice>}
      {data === null && error === null && <p role="status">Loading the figures…</p>}
      {data !== null && (
        <>
          <p data-testid="stats-period">
            {data.from} to {data.to}
            {data.state === null ? ', all states' : `, ${US_STATES[data.state as keyof typeof US_STATES] ?? data.state}`}.{' '}
            {age(data.refreshedAt)}
          </p>
          {STATS_SECTION_IDS.map((id, i) =>
            i === 0 ? (
              data.sections.map((s) => <SectionView key={s.id} section={s} onDownload={download} />)
            ) : (
              <LoadedSection
                key={`${id}-${filter.from}-${filter.to}-${filter.state}`}
                id={id}
                filter={filter}
                onDownload={download}
              />
            ),
          )}
        </>
      )}
    </Page>
  );
}

function useSection(id: string, filter: Filter) {
  return useLoad(
    (signal) => api.get<StatsDashboard>(`/api/v1/stats/dashboard${query({ ...params(filter), section: id })}`, { signal }),
    [id, filter.from, filter.to, filter.state],
  );
}

function LoadedSection({
  id,
  filter,
  onDownload,
}: {
  id: string;
  filter: Filter;
  onDownload: (s: StatsSection) => Promise<void>;
}) {
  const { data, error } = useSection(id, filter);
  if (error !== null) return <Notice type="error">{error}</Notice>;
  if (data === null) return <p role="status">Loading more figures…</p>;
  return (
    <>
      {data.sections.map((s) => (
        <SectionView key={s.id} section={s} onDownload={onDownload} />
      ))}
    </>
  );
}

function SectionView({ section: s, onDownload }: { section: StatsSection; onDownload: (s: StatsSection) => Promise<void> }) {
  return (
    <section aria-labelledby={`section-${s.id}`} className="margin-top-4">
      <h2 id={`section-${s.id}`}>{s.title}</h2>
      <p>{s.summary}</p>
      {/* The SVG is drawn by Beacon's server from counts and its own labels; nothing from a record is in it. */}
      <figure className="margin-0 maxw-tablet-lg" dangerouslySetInnerHTML={{ __html: s.svg }} />
      <Table caption={`${s.title}: the figures`} fullWidth striped stackedStyle="headers">
        <thead>
          <tr>
            {s.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {s.rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {v}
                  </th>
                ) : (
                  <td key={j}>{typeof v === 'number' ? v.toLocaleString() : v}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </Table>
      <Button type="button" unstyled onClick={() => void onDownload(s)}>
        Download {s.title.toLowerCase()} as CSV
      </Button>
    </section>
  );
}
