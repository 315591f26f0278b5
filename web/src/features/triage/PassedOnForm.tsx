import { Button, Label, Select, Textarea } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import {
  PASSED_ON_METHOD_LABELS,
  PASSED_ON_TO_ROLE_LABELS,
  referralsApi,
  type PassedOnInput,
  type Referral,
} from './referralsApi';

/** "2026-12-08T14:05" for a datetime-local input, in the viewer's time zone. */
const localInputValue = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** An agency with nobody on Beacon: the analyst records how the referral reached it. */
export function PassedOnForm({ referral, onRecorded }: { referral: Referral; onRecorded: () => void }) {
  const id = (name: string) => `passed-on-${referral.reference}-${name}`;
  const [method, setMethod] = useState('');
  const [at, setAt] = useState(() => localInputValue(new Date()));
  const [toRole, setToRole] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await referralsApi.passOn(referral.reference, {
        method: method as PassedOnInput['method'],
        at: new Date(at).toISOString(),
        toRole: toRole as PassedOnInput['toRole'],
        ...(note.trim() ? { note } : {}),
      });
      onRecorded();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form className="usa-form" onSubmit={(e) => void submit(e)} aria-label={`How ${referral.reference} was passed on`}>
      {error !== null && <Notice type="error">{error}</Notice>}
      <Label htmlFor={id('method')}>How it was passed on</Label>
      <Select id={id('method')} name="method" value={method} onChange={(e) => setMethod(e.target.value)} required>
        <option value="">- Choose -</option>
        {Object.entries(PASSED_ON_METHOD_LABELS).map(([code, label]) => (
          <option key={code} value={code}>
            {label}
          </option>
        ))}
      </Select>
      <Label htmlFor={id('at')}>When</Label>
      <input
        className="usa-input"
        id={id('at')}
        name="at"
        type="datetime-local"
        value={at}
        onChange={(e) => setAt(e.target.value)}
        required
      />
      <Label htmlFor={id('to')}>To whom at the agency</Label>
      <Select id={id('to')} name="toRole" value={toRole} onChange={(e) => setToRole(e.target.value)} required>
        <option value="">- Choose a role -</option>
        {Object.entries(PASSED_ON_TO_ROLE_LABELS).map(([code, label]) => (
          <option key={code} value={code}>
            {label}
          </option>
        ))}
      </Select>
      <Label htmlFor={id('note')}>Note (optional)</Label>
      <Textarea id={id('note')} name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      <Button type="submit">Record how it was passed on</Button>
    </form>
  );
}
