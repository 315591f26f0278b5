import { Button, Form } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { errorText } from '../../components/errors';
import type { Stage } from '../auth/api';
import { passkeyErrorText, passkeysApi, type Passkey } from './api';

type AddPasskeyFormProps = {
  submitLabel: string;
  onAdded: (passkey: Passkey, stage: Stage) => void | Promise<void>;
};

const FIELD_ID = 'passkey-name';

/** Names a new passkey, then lets the browser create it on this device or a security key. */
export function AddPasskeyForm({ submitLabel, onAdded }: AddPasskeyFormProps) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    if (name.trim() === '') {
      setError('Give the passkey a name, such as the device it is on.');
      document.getElementById(FIELD_ID)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await passkeysApi.add(name.trim());
      setName('');
      await onAdded(answer.passkey, answer.stage);
    } catch (err) {
      setError(passkeyErrorText(err, (e) => errorText(e, { passkey_exists: 'This passkey is already registered.' })));
      document.getElementById(FIELD_ID)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field
        id={FIELD_ID}
        name="name"
        type="text"
        label="Name for the passkey"
        hint="For example: work laptop, or blue security key."
        maxLength={60}
        required
        value={name}
        error={error}
        onChange={(event) => setName(event.target.value)}
      />
      <Button type="submit" aria-disabled={busy}>
        {submitLabel}
      </Button>
    </Form>
  );
}
