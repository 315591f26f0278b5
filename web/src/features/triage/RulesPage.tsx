import { Button, Checkbox, Label, Select, Table, TextInput, Textarea } from '@trussworks/react-uswds';
import { useEffect, useState, type FormEvent } from 'react';
import { api, isAbort } from '../../api/client';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../intake/format';
import { PRIORITY_LABELS, type Priority } from './api';

type Rule = { code: string; enabled: boolean; priority: Priority; threshold?: number; label: string; why: string };
type RuleSet = { version: number; note: string; sla: Record<Priority, number>; rules: Rule[] };
type Rules = { current: RuleSet; history: { version: number; createdAt: string; note: string }[] };

const LIFTS: Priority[] = ['immediate', 'high', 'elevated'];

/** `/app/triage/rules`: supervisors change which rules apply, how far each lifts a tip, and the response times. */
export function RulesPage({ canEdit }: { canEdit: boolean }) {
  const [rules, setRules] = useState<Rules | null>(null);
  const [draft, setDraft] = useState<RuleSet | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = (signal?: AbortSignal) =>
    api.get<Rules>('/api/v1/triage/rules', { signal }).then((r) => { setRules(r); setDraft(r.current); }, (err: unknown) => { if (!isAbort(err)) setError(errorText(err)); });
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, []);

  const setRule = (code: string, change: Partial<Rule>) => setDraft((d) => (d ? { ...d, rules: d.rules.map((r) => (r.code === code ? { ...r, ...change } : r)) } : d));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setError(null);
    try {
      const saved = await api.put<RuleSet>('/api/v1/triage/rules', { note: draft.note, sla: draft.sla, rules: draft.rules });
      setNotice(`Saved as version ${saved.version}. New tips are ranked with it; earlier tips keep the version that ranked them.`);
      await load();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <Page heading="Urgency rules">
      <p className="usa-intro">These rules rank reports for an analyst's attention. They never rate a child. Each save is a new version; every tip names the version that ranked it.</p>
      {notice !== null && <Notice type="success">{notice}</Notice>}
      {error !== null && <Notice type="error">{error}</Notice>}
      {draft === null && error === null && <p role="status">Loading the rules…</p>}
      {draft !== null && rules !== null && (
        <form className="usa-form usa-form--large maxw-full" onSubmit={(e) => void save(e)}>
          <p>Version {rules.current.version} in force.</p>
          <Table caption="Rules" fullWidth>
            <thead><tr><th scope="col">Rule</th><th scope="col">Applies</th><th scope="col">Lifts a tip to</th><th scope="col">Threshold</th></tr></thead>
            <tbody>
              {draft.rules.map((r) => (
                <tr key={r.code}>
                  <th scope="row">{r.label}<div className="font-sans-3xs text-base">{r.why}</div></th>
                  <td><Checkbox id={`rule-${r.code}-on`} name={`rule-${r.code}-on`} label={`Apply “${r.label}”`} checked={r.enabled} disabled={!canEdit} onChange={(e) => setRule(r.code, { enabled: e.target.checked })} /></td>
                  <td>
                    <Label htmlFor={`rule-${r.code}-priority`} className="usa-sr-only">Priority for “{r.label}”</Label>
                    <Select id={`rule-${r.code}-priority`} name={`rule-${r.code}-priority`} value={r.priority} disabled={!canEdit} onChange={(e) => setRule(r.code, { priority: e.target.value as Priority })}>
                      {LIFTS.map((p) => <option key={p} value={p}>{PRIORITY_LABELS[p]}</option>)}
                    </Select>
                  </td>
                  <td>
                    {r.threshold !== undefined && (
                      <>
                        <Label htmlFor={`rule-${r.code}-threshold`} className="usa-sr-only">Threshold for “{r.label}”</Label>
                        <TextInput id={`rule-${r.code}-threshold`} name={`rule-${r.code}-threshold`} type="number" min={1} max={100} value={String(r.threshold)} disabled={!canEdit}
                          onChange={(e) => setRule(r.code, { threshold: Number(e.target.value) })} />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          <fieldset className="usa-fieldset">
            <legend className="usa-legend">Hours to pick a tip up, by priority</legend>
            {(['immediate', 'high', 'elevated', 'routine'] as Priority[]).map((p) => (
              <div key={p}>
                <Label htmlFor={`sla-${p}`}>{PRIORITY_LABELS[p]}</Label>
                <TextInput id={`sla-${p}`} name={`sla-${p}`} type="number" min={0.25} step={0.25} value={String(draft.sla[p])} disabled={!canEdit}
                  onChange={(e) => setDraft({ ...draft, sla: { ...draft.sla, [p]: Number(e.target.value) } })} />
              </div>
            ))}
          </fieldset>
          {canEdit && (
            <>
              <Label htmlFor="rules-note">What changed and why</Label>
              <Textarea id="rules-note" name="rules-note" value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
              <Button type="submit">Save as a new version</Button>
            </>
          )}
          {rules.history.length > 0 && (
            <>
              <h2>Earlier versions</h2>
              <ul className="usa-list">{rules.history.map((h) => <li key={h.version}>Version {h.version}, {formatDateTime(h.createdAt)}{h.note ? `: ${h.note}` : ''}</li>)}</ul>
            </>
          )}
        </form>
      )}
    </Page>
  );
}
