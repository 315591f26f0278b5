import { Button } from '@trussworks/react-uswds';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { authApi, type Enrolment, type Stage } from './api';
import { CodeForm } from './CodeForm';

type EnrolStepProps = {
  onStage: (stage: Stage) => Promise<void>;
  onCancel: () => void;
};

/** "ABCDEFGHIJ" → "ABCD EFGH IJ", easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/** Only an inline image from the server is shown; anything else is ignored. */
function isInlineImage(src: string): boolean {
  return /^data:image\/(svg\+xml|png);base64,[A-Za-z0-9+/=]+$/.test(src);
}

/** Step 2 for a new account: add Beacon to an authenticator app, then prove it with a code. */
export function EnrolStep({ onStage, onCancel }: EnrolStepProps) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const started = useRef(-1);

  useEffect(() => {
    // Ask once per attempt (React's development mode runs effects twice).
    if (started.current === attempt) return;
    started.current = attempt;
    setError(null);
    authApi.startEnrolment().then(setEnrolment, (err: unknown) => {
      // Enrolled already (e.g. in another tab): sign in with a code instead.
      if (err instanceof ApiError && err.code === 'already_enrolled') void onStage('totp');
      else setError(errorText(err));
    });
  }, [attempt, onStage]);

  const confirm = async (code: string): Promise<void> => {
    const answer = await authApi.confirmEnrolment(code);
    await onStage(answer.stage);
  };

  return (
    <Page heading="Set up your authenticator app">
      <p>Each time you sign in, Beacon asks for a code from an authenticator app on your phone.</p>
      {error !== null && (
        <>
          <Notice type="error">{error}</Notice>
          <Button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </Button>
        </>
      )}
      {enrolment === null && error === null && <p role="status">Preparing your QR code…</p>}
      {enrolment !== null && (
        <>
          <h2>1. Add Beacon to your app</h2>
          <p>Scan this QR code with your authenticator app.</p>
          {isInlineImage(enrolment.qrImage) && (
            <img
              className="beacon-qr"
              src={enrolment.qrImage}
              alt="QR code for your authenticator app"
              width={200}
              height={200}
            />
          )}
          <p>If you cannot scan it, choose to enter a setup key in the app, and type this key:</p>
          <p className="beacon-secret">
            <code>{groupSecret(enrolment.secret)}</code>
          </p>
          <h2>2. Enter the code the app shows</h2>
          <CodeForm submitLabel="Confirm and continue" submit={confirm} />
        </>
      )}
      <p className="margin-top-4">
        <Button type="button" unstyled onClick={onCancel}>
          Sign in as someone else
        </Button>
      </p>
    </Page>
  );
}
