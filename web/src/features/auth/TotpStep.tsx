import { Button } from '@trussworks/react-uswds';
import { useEffect, useState } from 'react';
import { Page } from '../../components/Page';
import { passkeysApi } from '../passkeys/api';
import { PasskeySignIn } from '../passkeys/PasskeySignIn';
import { authApi, type Stage } from './api';
import { CodeForm } from './CodeForm';

type TotpStepProps = {
  onStage: (stage: Stage) => Promise<void>;
  onCancel: () => void;
};

/** Step 2 for an enrolled account: the current code from the authenticator app. */
export function TotpStep({ onStage, onCancel }: TotpStepProps) {
  const [passkey, setPasskey] = useState(false);
  useEffect(() => {
    passkeysApi.factors().then(
      (f) => setPasskey(f.passkey),
      () => setPasskey(false),
    );
  }, []);
  const verify = async (code: string): Promise<void> => {
    const answer = await authApi.verifyCode(code);
    await onStage(answer.stage);
  };

  return (
    <Page heading="Enter your sign-in code">
      <p>Open the authenticator app on your phone and enter the code it shows for Beacon.</p>
      <CodeForm submitLabel="Continue" submit={verify} />
      {passkey && (
        <>
          <h2>Or use a passkey</h2>
          <PasskeySignIn label="Use a passkey instead" onStage={onStage} />
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
