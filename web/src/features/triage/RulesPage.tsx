import { Button, Checkbox, Label, Select, TextInput, Textarea } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Rule, RuleSet, Rules } from '../../api/types';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { formatDateTime } from '../intake/format';
import { PRIORITY_LABELS, type Priority } from './api';

const LIFTS: Priority[] = ['immediate', 'high', 'elevated'];

/** What each rule's threshold counts, so the number has a unit. */
const THRESHOLD_LABELS: Partial<Record<string, string>> = {
  young_child: 'Applies when a child is younger than (years)',
  repeated_reports: 'Applies when at least this many tips share an identifier (tips)',
};

/** `/app/triage/rules`: supervisors change which rules apply, how far each lifts a tip, and the response times. */
export function RulesPage({ canEdit }: { canEdit: boolean }) {
  const [draft, setDraft] = useState<RuleSet | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const {
    data: rules,
    error,
    setError,
    reload,
  } = useLoad(async (signal) => {
    const r = await api.get<Rules>('/api/v1/triage/rules', { signal });
    setDraft({ ...r.current, note: '' });
    return r;
  }, []);

  const setRule = (code: string, change: Partial<Rule>) =>
    setDraft((d) => (d ? { ...d, rules: d.rules.map((r) => (r.code === code ? { ...r, ...change } : r)) } : d));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setError(null);
    try {
      const saved = await api.put<RuleSet>('/api/v1/triage/rules', { note: draft.note, sla: draft.sla, rules: draft.rules });
      setNotice(
        `Saved as version ${saved.version}. New tips are ranked with it; earlier tips keep the version that ranked them.`,
      );
      await reload();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <Page heading="Urgency rules">
      <p className="usa-intro">
        These rules rank reports for an analyst's attention. They never rate a child. Each save is a new version; every tip names
        the version that ranked it.
      </p>
      {notice !== null && <Notice type="success">{notice}</Notice>}
      {error !== null && <Notice type="error">{error}</Notice>}
      {draft === null && error === null && <p role="status">Loading the rules…</p>}
      {draft !== null && rules !== null && (
        <form className="usa-form usa-form--large maxw-full" onSubmit={(e) => void save(e)}>
          <p>
            Version {rules.current.version} in force.{rules.current.note ? ` Its note: “${rules.current.note}”` : ''}
          </p>
          {draft.rules.map((r) => (
            <fieldset key={r.code} className="usa-fieldset beacon-rule" aria-describedby={`rule-${r.code}-why`}>
              <legend className="usa-legend usa-legend--large">{r.label}</legend>
              <p id={`rule-${r.code}-why`} className="usa-hint">
                {r.why}
              </p>
              <Checkbox
                id={`rule-${r.code}-on`}
                name={`rule-${r.code}-on`}
                label={`Apply “${r.label}”`}
                checked={r.enabled}
                disabled={!canEdit}
                onChange={(e) => setRule(r.code, { enabled: e.target.checked })}
              />
              <div className="beacon-rule__fields">
                <div>
                  <Label htmlFor={`rule-${r.code}-priority`}>Lifts a tip to</Label>
                  <Select
                    id={`rule-${r.code}-priority`}
                    name={`rule-${r.code}-priority`}
                    value={r.priority}
                    disabled={!canEdit}
                    onChange={(e) => setRule(r.code, { priority: e.target.value as Priority })}
                  >
                    {LIFTS.map((p) => (
                      <option key={p} value={p}>
                        {PRIORITY_LABELS[p]}
                      </option>
                    ))}
                  </Select>
                </div>
                {r.threshold !== undefined && (
                  <div>
                    <Label htmlFor={`rule-${r.code}-threshold`}>{THRESHOLD_LABELS[r.code] ?? 'Threshold'}</Label>
                    <TextInput
                      id={`rule-${r.code}-threshold`}
                      name={`rule-${r.code}-threshold`}
                      type="number"
                      min={1}
                      max={100}
                      value={String(r.threshold)}
                      disabled={!canEdit}
                      className="beacon-rule__number"
                      onChange={(e) => setRule(r.code, { threshold: Number(e.target.value) })}
                    />
                  </div>
                )}
              </div>
            </fieldset>
          ))}
          <fieldset className="usa-fieldset">
            <legend className="usa-legend">Hours to pick a tip up, by priority</legend>
            {(['immediate', 'high', 'elevated', 'routine'] as Priority[]).map((p) => (
              <div key={p}>
                <Label htmlFor={`sla-${p}`}>{PRIORITY_LABELS[p]} (hours)</Label>
                <TextInput
                  id={`sla-${p}`}
                  name={`sla-${p}`}
                  type="number"
                  min={0.25}
                  step={0.25}
                  value={String(draft.sla[p])}
                  disabled={!canEdit}
                  className="beacon-rule__number"
                  onChange={(e) => setDraft({ ...draft, sla: { ...draft.sla, [p]: Number(e.target.value) } })}
                />
              </div>
            ))}
          </fieldset>
          {canEdit && (
            <>
              <Label htmlFor="rules-note">What changed and why</Label>
              <Textarea
                id="rules-note"
                name="rules-note"
                value={draft.note}
                onChange={(e) => setDraft({ ...draft, note: e.target.value })}
              />
              <Button type="submit">Save as a new version</Button>
            </>
          )}
          {rules.history.length > 0 && (
            <>
              <h2>Earlier versions</h2>
              <ul className="usa-list">
                {rules.history.map((h) => (
                  <li key={h.version}>
                    Version {h.version}, {formatDateTime(h.createdAt)}
                    {h.note ? `: ${h.note}` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
        </form>
      )}
    </Page>
  );
}
