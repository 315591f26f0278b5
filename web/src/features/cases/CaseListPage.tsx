import { Button, Table } from '@trussworks/react-uswds';
import { useState } from 'react';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { casesApi, type CaseFilter, type CaseStatus } from './api';
import { SelectField, TextField } from './form';
import { SavedFilters } from './SavedFilters';
import { formatDateTime, label, STATUSES, US_STATES } from './text';
import { styles } from './styles';

const LIST_ERRORS = { forbidden: 'Your role does not include cases.' };
const WHOSE: Readonly<Record<string, string>> = { mine: 'Assigned to me', team: 'My teams’ cases' };

/** `/app/cases`: the cases of the case manager and their teams, most recently changed first. */
export function CaseListPage({ canOpen }: { canOpen: boolean }) {
  const [whose, setWhose] = useState<'mine' | 'team'>('team');
  const [status, setStatus] = useState<string>('open');
  const [state, setState] = useState('');
  // What is typed, and what was searched for: the list follows the search button, not each keystroke.
  const [typed, setTyped] = useState({ name: '', identifier: '' });
  const [search, setSearch] = useState({ name: '', identifier: '' });

  const filter: CaseFilter = {
    mine: whose === 'mine',
    ...(status === '' ? {} : { status: status as CaseStatus }),
    ...(state === '' ? {} : { state: state as NonNullable<CaseFilter['state']> }),
    ...(search.name.trim() === '' ? {} : { name: search.name.trim() }),
    ...(search.identifier.trim() === '' ? {} : { identifier: search.identifier.trim() }),
  };
  const filterKey = JSON.stringify(filter);

  const {
    data: list,
    setData: setList,
    error,
    setError,
  } = useLoad((signal) => casesApi.list(JSON.parse(filterKey) as CaseFilter, signal), [filterKey], LIST_ERRORS);

  const apply = (f: CaseFilter) => {
    setWhose(f.mine ? 'mine' : 'team');
    setStatus(f.status ?? '');
    setState(f.state ?? '');
    const words = { name: f.name ?? '', identifier: f.identifier ?? '' };
    setTyped(words);
    setSearch(words);
  };

  const more = async () => {
    if (list?.nextCursor == null) return;
    try {
      const page = await casesApi.list({ ...filter, before: list.nextCursor });
      setList({ items: [...list.items, ...page.items], nextCursor: page.nextCursor });
    } catch (err) {
      setError(errorText(err, LIST_ERRORS));
    }
  };

  return (
    <Page heading="Cases">
      {canOpen && (
        <p>
          <AppLink href={paths.newCase()} className="usa-button">
            Open a case
          </AppLink>
        </p>
      )}
      <div className={styles.filters}>
        <SelectField
          id="cases-whose"
          label="Whose cases"
          value={whose}
          onChange={(v) => setWhose(v === 'mine' ? 'mine' : 'team')}
          options={WHOSE}
          empty={null}
        />
        <SelectField id="cases-status" label="Status" value={status} onChange={setStatus} options={STATUSES} empty="Any status" />
        <SelectField id="cases-state" label="State" value={state} onChange={setState} options={US_STATES} empty="Any state" />
      </div>
      <form
        className={styles.filters}
        role="search"
        aria-label="Search cases"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(typed);
        }}
      >
        <TextField
          id="cases-name"
          label="Name or alias"
          hint="Misspellings are found too."
          value={typed.name}
          onChange={(v) => setTyped({ ...typed, name: v })}
        />
        <TextField
          id="cases-identifier"
          label="Phone, email or handle"
          value={typed.identifier}
          onChange={(v) => setTyped({ ...typed, identifier: v })}
        />
        <Button type="submit">Search</Button>
      </form>
      <SavedFilters current={filter} onApply={apply} />
      {error !== null && <Notice type="error">{error}</Notice>}
      {list === null && error === null && <p role="status">Loading cases…</p>}
      {list !== null && (
        <>
          <p role="status">
            {list.items.length === 0
              ? 'No cases match.'
              : `Showing ${list.items.length} ${list.items.length === 1 ? 'case' : 'cases'}.`}
          </p>
          {list.items.length > 0 && (
            <Table
              caption={filter.name ? 'Cases, closest name first' : 'Cases, most recently changed first'}
              fullWidth
              striped
              stackedStyle="headers"
            >
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Child</th>
                  <th scope="col">Status</th>
                  <th scope="col">Missing episodes</th>
                  <th scope="col">State</th>
                  <th scope="col">Last changed</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((c) => (
                  <tr key={c.reference}>
                    <th scope="row">
                      <AppLink className="beacon-reference" href={paths.caseFile(c.reference)}>
                        {c.reference}
                      </AppLink>
                    </th>
                    <td data-label="Child">{c.name}</td>
                    <td data-label="Status">{label(STATUSES, c.status)}</td>
                    <td data-label="Missing episodes">{c.episodeCount}</td>
                    <td data-label="State">{c.state === null ? 'Not given' : label(US_STATES, c.state)}</td>
                    <td data-label="Last changed">
                      <time dateTime={c.updatedAt}>{formatDateTime(c.updatedAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          {list.nextCursor !== null && (
            <Button type="button" outline onClick={() => void more()}>
              Load more
            </Button>
          )}
        </>
      )}
    </Page>
  );
}
