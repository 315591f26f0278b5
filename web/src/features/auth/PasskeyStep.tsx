import { Button } from '@trussworks/react-uswds';
import { Page } from '../../components/Page';
import { AddPasskeyForm } from '../passkeys/AddPasskeyForm';
import { PasskeySignIn } from '../passkeys/PasskeySignIn';
import type { Stage } from './api';

type StepProps = {
  onStage: (stage: Stage) => Promise<void>;
  onCancel: () => void;
};

function OtherAccount({ onCancel }: Pick<StepProps, 'onCancel'>) {
  return (
    <p className="margin-top-4">
      <Button type="button" unstyled onClick={onCancel}>
        Sign in as someone else
      </Button>
    </p>
  );
}

/** Step 2 for an account that signs in with a passkey only. */
export function PasskeyStep({ onStage, onCancel }: StepProps) {
  return (
    <Page heading="Confirm it is you">
      <p>Use one of the passkeys you added to Beacon: on this device, your phone or a security key.</p>
      <PasskeySignIn label="Use your passkey" onStage={onStage} />
      <OtherAccount onCancel={onCancel} />
    </Page>
  );
}

/** Step 2 for an administrator who must sign in with a passkey and has none yet. */
export function PasskeyEnrolStep({ onStage, onCancel }: StepProps) {
  return (
    <Page heading="Add a passkey">
      <p>
        Administrators sign in to Beacon with a passkey, which cannot be given away to a fake sign-in page. Create one now on this
        device or on a security key; you will use it each time you sign in.
      </p>
      <AddPasskeyForm submitLabel="Create passkey and continue" onAdded={(_passkey, stage) => onStage(stage)} />
      <OtherAccount onCancel={onCancel} />
    </Page>
  );
}
