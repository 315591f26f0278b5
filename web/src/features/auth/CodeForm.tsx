import { Button, Form } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { Field } from '../../components/Field';
import { errorText, tooManyAttemptsText } from '../../components/errors';
import { CODE_FORMAT_ERROR, CODE_LABEL, WRONG_CODE, normaliseCode } from './messages';

type CodeFormProps = {
  submitLabel: string;
  /** Sends the 6 digits; rejects with an ApiError when the code is not accepted. */
  submit: (code: string) => Promise<void>;
};

const FIELD_ID = 'totp-code';
const focusField = (): void => document.getElementById(FIELD_ID)?.focus();

/** The one-field form for a code from an authenticator app. */
export function CodeForm({ submitLabel, submit }: CodeFormProps) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const digits = normaliseCode(code);
    if (digits === null) {
      setError(CODE_FORMAT_ERROR);
      focusField();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await submit(digits);
    } catch (err) {
      setCode('');
      setError(
        err instanceof ApiError && err.code === 'too_many_attempts'
          ? tooManyAttemptsText(err)
          : errorText(err, { invalid_code: WRONG_CODE }),
      );
      focusField();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field
        id={FIELD_ID}
        name="code"
        type="text"
        label={CODE_LABEL}
        inputMode="numeric"
        autoComplete="one-time-code"
        spellCheck={false}
        required
        value={code}
        error={error}
        onChange={(event) => setCode(event.target.value)}
      />
      <Button type="submit" aria-disabled={busy}>
        {submitLabel}
      </Button>
    </Form>
  );
}
