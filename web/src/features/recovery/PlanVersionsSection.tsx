import { Button, Form, Table } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import type { PlanComparison } from '../../api/types';
import { Notice } from '../../components/Notice';
import { errorText } from '../../components/errors';
import { SelectField } from '../../components/fields';
import { useLoad } from '../../components/useLoad';
import { recoveryApi } from './api';

const CHANGE_LABELS: Readonly<Record<string, string>> = { added: 'Added', removed: 'Removed', changed: 'Changed', same: 'Same' };

/** Every save is a version; two of them side by side, item by item. */
export function PlanVersionsSection({ planId, latest }: { planId: string; latest: number }) {
  const { data, error } = useLoad((signal) => recoveryApi.versions(planId, signal), [planId, latest]);
  const [from, setFrom] = useState(String(Math.max(1, latest - 1)));
  const [to, setTo] = useState(String(latest));
  const [comparison, setComparison] = useState<PlanComparison | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [onlyChanges, setOnlyChanges] = useState(true);
  const options = Object.fromEntries(
    (data?.items ?? []).map((v) => [
      String(v.version),
      `Version ${v.version}, ${v.savedAt.slice(0, 10)}${v.savedBy === null ? '' : `, ${v.savedBy}`}`,
    ]),
  );
  const compare = async (event: FormEvent) => {
    event.preventDefault();
    try {
      setComparison(await recoveryApi.compare(planId, Number(from), Number(to)));
      setProblem(null);
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  const rows = comparison?.rows.filter((r) => !onlyChanges || r.change !== 'same') ?? [];
  return (
    <section aria-labelledby="versions" className="margin-top-4">
      <h2 id="versions">Versions</h2>
      {error !== null && <Notice type="error">{error}</Notice>}
      {data !== null && data.items.length < 2 && <p>There is one version so far.</p>}
      {data !== null && data.items.length >= 2 && (
        <Form onSubmit={(e) => void compare(e)} className="maxw-full">
          <div className="grid-row grid-gap">
            <div className="grid-col-6">
              <SelectField id="compare-from" label="Compare" value={from} onChange={setFrom} options={options} empty={null} />
            </div>
            <div className="grid-col-6">
              <SelectField id="compare-to" label="with" value={to} onChange={setTo} options={options} empty={null} />
            </div>
          </div>
          <label className="display-block margin-y-1">
            <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} /> Show only what
            changed
          </label>
          <Button type="submit" outline>
            Compare the versions
          </Button>
        </Form>
      )}
      {problem !== null && <Notice type="error">{problem}</Notice>}
      {comparison !== null && (
        <Table caption={`Version ${comparison.from} and version ${comparison.to} side by side`} fullWidth bordered>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Version {comparison.from}</th>
              <th scope="col">Version {comparison.to}</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={4}>Nothing changed between these versions.</td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.key} data-change={r.change}>
                <th scope="row">{r.label}</th>
                <td>{r.change === 'added' ? '—' : (r.before ?? '')}</td>
                <td>{r.change === 'removed' ? '—' : (r.after ?? '')}</td>
                <td>{CHANGE_LABELS[r.change]}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
