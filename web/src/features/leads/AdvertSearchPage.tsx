import { Button, Form, Label, Table, TextInput } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { formatDateTime, formatPlace } from '../intake/format';
import { leadsApi, type AdvertSummary, type SearchQuery } from './api';

const FIELDS: { name: keyof SearchQuery; label: string; hint?: string }[] = [
  { name: 'q', label: 'Words in the title or text' },
  { name: 'phone', label: 'Phone number', hint: 'In any form, even spelled out: it is read the way adverts are read.' },
  { name: 'city', label: 'City' },
  { name: 'state', label: 'State (two letters)' },
  { name: 'network', label: 'Network id' },
];

/** `/app/adverts`: find stored adverts by words, phone, place or network. */
export function AdvertSearchPage() {
  const [query, setQuery] = useState<SearchQuery>({});
  const [results, setResults] = useState<AdvertSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const search = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setError(null);
    try {
      setResults((await leadsApi.search(query)).items);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <Page heading="Search adverts">
      <p>
        <AppLink className="usa-link" href={paths.leads()}>
          Back to advert leads
        </AppLink>
      </p>
      <Form onSubmit={(e) => void search(e)} large>
        {FIELDS.map((f) => (
          <div key={f.name}>
            <Label htmlFor={`advert-${f.name}`}>{f.label}</Label>
            {f.hint && <span className="usa-hint">{f.hint}</span>}
            <TextInput
              id={`advert-${f.name}`}
              name={f.name}
              type="text"
              value={query[f.name] ?? ''}
              onChange={(e) => setQuery({ ...query, [f.name]: e.target.value })}
            />
          </div>
        ))}
        <Button type="submit">Search</Button>
      </Form>
      {error !== null && <Notice type="error">{error}</Notice>}
      {results !== null && (
        <>
          <p role="status">
            {results.length === 0
              ? 'No adverts match.'
              : `${results.length} ${results.length === 1 ? 'advert' : 'adverts'}, newest first.`}
          </p>
          {results.length > 0 && (
            <Table caption="Adverts found" fullWidth stackedStyle="headers">
              <thead>
                <tr>
                  <th scope="col">Advert</th>
                  <th scope="col">Posted</th>
                  <th scope="col">Place and site</th>
                  <th scope="col">Title</th>
                </tr>
              </thead>
              <tbody>
                {results.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <AppLink className="usa-link" href={paths.advert(a.id)}>
                        {a.sourceId}
                      </AppLink>
                    </th>
                    <td data-label="Posted">{a.postedAt ? formatDateTime(a.postedAt) : 'Not given'}</td>
                    <td data-label="Place and site">
                      {formatPlace(a.city, a.state) ?? 'Not given'}
                      {a.site ? ` · ${a.site}` : ''}
                    </td>
                    <td data-label="Title">{a.title ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </>
      )}
    </Page>
  );
}
