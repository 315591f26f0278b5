import { Button, ButtonGroup, ErrorMessage, Form, FormGroup, Label, Table, Textarea } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { Notice, type NoticeMessage } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { adminApi, type AgencyImport } from './api';
import { useLoad } from '../../components/useLoad';

const summary = (r: AgencyImport) =>
  `${r.rows} row${r.rows === 1 ? '' : 's'}: ${r.created.length} new, ${r.updated.length} changed, ${r.unchanged.length} unchanged. ${r.applied ? 'Imported; each change is in the audit log.' : 'Nothing was written (check only).'}`;

/** `/app/admin/agencies`: the partner-agency directory and its CSV import, all or nothing. */
export function AgenciesPage() {
  const { data: items, error, reload } = useLoad((signal) => adminApi.agencies(signal), []);
  const [csv, setCsv] = useState('');
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const [problems, setProblems] = useState<readonly { path: string; message: string }[]>([]);

  const send = async (dryRun: boolean): Promise<void> => {
    setProblems([]);
    try {
      setNotice({ type: 'success', text: summary(await adminApi.importAgencies(csv, dryRun)) });
      if (!dryRun) await reload();
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
      if (err instanceof ApiError) setProblems(err.fieldErrors);
    }
  };
  const readFile = async (file: File | undefined): Promise<void> => {
    if (file) setCsv(await file.text());
  };

  return (
    <Page heading="Agencies">
      {notice !== null && <Notice type={notice.type}>{notice.text}</Notice>}
      <h2>Import a CSV</h2>
      <p>
        One row per agency and area, with the columns of <code>beacon agencies demo-csv</code>. If any row has a problem, nothing
        is imported.
      </p>
      <Form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void send(false);
        }}
        large
      >
        <FormGroup>
          <Label htmlFor="agency-file">CSV file</Label>
          <input
            id="agency-file"
            className="usa-file-input__input"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        </FormGroup>
        <FormGroup error={problems.length > 0}>
          <Label htmlFor="agency-csv">Or paste the CSV</Label>
          {problems.length > 0 && (
            <ErrorMessage id="agency-csv-error">
              <ul className="margin-y-0">
                {problems.map((p) => (
                  <li key={`${p.path}-${p.message}`}>
                    {p.path}: {p.message}
                  </li>
                ))}
              </ul>
            </ErrorMessage>
          )}
          <Textarea
            id="agency-csv"
            name="csv"
            value={csv}
            onChange={(e) => setCsv(e.target.value)}
            aria-describedby={problems.length > 0 ? 'agency-csv-error' : undefined}
          />
        </FormGroup>
        <ButtonGroup>
          <Button type="submit">Import</Button>
          <Button type="button" outline onClick={() => void send(true)}>
            Check only
          </Button>
        </ButtonGroup>
      </Form>
      <h2>Directory</h2>
      {error !== null && <Notice type="error">{error}</Notice>}
      {items === null && error === null && <p role="status">Loading agencies…</p>}
      {items !== null && items.length === 0 && <p>The directory is empty.</p>}
      {items !== null && items.length > 0 && (
        <Table caption="Agencies" fullWidth striped stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Areas</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.code}</th>
                <td data-label="Name">{a.name}</td>
                <td data-label="Areas">
                  {a.areas.map((r) => r.city ?? r.county ?? r.tribalLand ?? r.state ?? r.kind).join('; ')}
                </td>
                <td data-label="Status">{a.active ? 'Active' : 'Inactive'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Page>
  );
}
