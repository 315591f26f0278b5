import { Button } from '@trussworks/react-uswds';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { Notice } from '../../components/Notice';
import { errorText, tooManyAttemptsText } from '../../components/errors';
import type { Stage } from '../auth/api';
import { passkeyErrorText, passkeysApi } from './api';

type PasskeySignInProps = {
  label: string;
  onStage: (stage: Stage) => Promise<void>;
};

const serverText = (error: unknown): string =>
  error instanceof ApiError && error.code === 'too_many_attempts'
    ? tooManyAttemptsText(error)
    : errorText(error, { invalid_passkey: 'That passkey was not accepted. Try again, or use another passkey.' });

/** One button: the browser asks for a passkey of this account, and sign-in finishes with it. */
export function PasskeySignIn({ label, onStage }: PasskeySignInProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const signIn = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await passkeysApi.signIn();
      await onStage(answer.stage);
    } catch (err) {
      setError(passkeyErrorText(err, serverText));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {error !== null && <Notice type="error">{error}</Notice>}
      <Button type="button" aria-disabled={busy} onClick={() => void signIn()}>
        {label}
      </Button>
    </>
  );
}
