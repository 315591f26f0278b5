import { useState } from 'react';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { AddVolunteerForm, RecordStageForm } from './AddVolunteerForm';
import { familyApi, STAGE_LABELS, type VolunteerRoster } from './api';

type Volunteer = VolunteerRoster['items'][number];
const inYears = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;

/** `/app/volunteers`: the coordinator's roster, approval computed today, and the renewals to start. */
export function VolunteersPage() {
  const { data, error, setData } = useLoad((signal) => familyApi.roster(signal), []);
  const [message, setMessage] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  if (error !== null || data === null)
    return (
      <Page heading="Volunteers">{error !== null ? <Notice type="error">{error}</Notice> : <p role="status">Loading…</p>}</Page>
    );
  const expiring = data.items.filter((v) => v.expiring.length > 0);
  const renew = async (v: Volunteer, stage: string) => {
    try {
      await familyApi.recordStage(v.id, stage, data.today, inYears(data.today, 2));
      setData(await familyApi.roster());
      setMessage({ type: 'success', text: `${STAGE_LABELS[stage] ?? stage} renewed for ${v.name}.` });
    } catch (err) {
      setMessage({ type: 'error', text: errorText(err) });
    }
  };
  return (
    <Page heading="Volunteers">
      {message !== null && <Notice type={message.type}>{message.text}</Notice>}
      <section aria-labelledby="expiring">
        <h2 id="expiring">Requirements running out</h2>
        {expiring.length === 0 ? (
          <p>Nothing runs out in the next 45 days.</p>
        ) : (
          <ul className="usa-list">
            {expiring.flatMap((v) =>
              v.expiring.map((r) => (
                <li key={`${v.id}:${r.stage}`}>
                  {v.name}: {STAGE_LABELS[r.stage] ?? r.stage} valid until {r.validUntil}{' '}
                  <button type="button" className="usa-button usa-button--outline" onClick={() => void renew(v, r.stage)}>
                    Record renewal of {STAGE_LABELS[r.stage]?.toLowerCase() ?? r.stage} for {v.name}
                  </button>
                </li>
              )),
            )}
          </ul>
        )}
      </section>
      <table className="usa-table usa-table--stacked-header">
        <caption>Roster (approval computed on {data.today})</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Approved</th>
            <th scope="col">Missing or expired</th>
            <th scope="col">Families</th>
            <th scope="col">Languages and regions</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((v) => (
            <tr key={v.id}>
              <th scope="row">{v.name}</th>
              <td data-label="Approved">
                {v.approval.approved ? `Yes${v.approval.validUntil === null ? '' : `, until ${v.approval.validUntil}`}` : 'No'}
              </td>
              <td data-label="Missing or expired">{v.approval.missing.map((s) => STAGE_LABELS[s] ?? s).join(', ') || '—'}</td>
              <td data-label="Families">
                {v.activeMatches} of {v.familyLimit}
              </td>
              <td data-label="Languages and regions">
                {v.languages.join(', ')}; {v.regions.join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <RecordStageForm
        volunteers={data.items}
        onRecorded={async (text) => {
          setData(await familyApi.roster());
          setMessage({ type: 'success', text });
        }}
      />
      <AddVolunteerForm
        onAdded={async (name) => {
          setData(await familyApi.roster());
          setMessage({ type: 'success', text: `${name} added to the roster. Record their stages as they complete them.` });
        }}
      />
    </Page>
  );
}
