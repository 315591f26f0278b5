import { Button, Form, Table } from '@trussworks/react-uswds';
import { US_STATES } from '@shared/places';
import { useState, type FormEvent } from 'react';
import { api, query } from '../../api/client';
import type { StatsDashboard, StatsSection } from '../../api/types';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { useLoad } from '../../components/useLoad';

type Filter = { from: string; to: string; state: string };
const params = (f: Filter) => ({
  from: f.from === '' ? null : f.from,
  to: f.to === '' ? null : f.to,
  state: f.state === '' ? null : f.state,
});

function age(iso: string | null): string {
  if (iso === null) return 'The figures have not been built yet; they are refreshed every five minutes.';
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60_000));
  return `Figures as of ${new Date(iso).toLocaleString()} (${minutes} ${minutes === 1 ? 'minute' : 'minutes'} ago; refreshed every five minutes).`;
}

/** `/app/stats`: live figures for supervisors and administrators, each chart with its words and its table. */
export function DashboardsPage() {
  const [filter, setFilter] = useState<Filter>({ from: '', to: '', state: '' });
  const [draft, setDraft] = useState<Filter>(filter);
  const { data, error } = useLoad(
    (signal) => api.get<StatsDashboard>(`/api/v1/stats/dashboard${query(params(filter))}`, { signal }),
    [filter.from, filter.to, filter.state],
  );
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
          {data.sections.map((s) => (
            <section key={s.id} aria-labelledby={`section-${s.id}`} className="margin-top-4">
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
              <Button type="button" unstyled onClick={() => void download(s)}>
                Download {s.title.toLowerCase()} as CSV
              </Button>
            </section>
          ))}
        </>
      )}
    </Page>
  );
}
