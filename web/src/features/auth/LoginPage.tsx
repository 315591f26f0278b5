import type { Stage } from './api';
import { EnrolStep } from './EnrolStep';
import { PasskeyEnrolStep, PasskeyStep } from './PasskeyStep';
import { PasswordStep } from './PasswordStep';
import { TotpStep } from './TotpStep';
import { SIGNED_OUT_NOTICES, type AuthState } from './useAuth';

type LoginPageProps = {
  state: Extract<AuthState, { status: 'signedOut' | 'pending' }>;
  onStage: (stage: Stage) => Promise<void>;
  onCancel: () => void;
};

/** `/app/login`: the sign-in step that matches where the session is. */
export function LoginPage({ state, onStage, onCancel }: LoginPageProps) {
  if (state.status === 'signedOut') {
    return <PasswordStep notice={SIGNED_OUT_NOTICES[state.reason]} onStage={onStage} />;
  }
  if (state.stage === 'totp_enrol') return <EnrolStep onStage={onStage} onCancel={onCancel} />;
  if (state.stage === 'passkey') return <PasskeyStep onStage={onStage} onCancel={onCancel} />;
  if (state.stage === 'passkey_enrol') return <PasskeyEnrolStep onStage={onStage} onCancel={onCancel} />;
  return <TotpStep onStage={onStage} onCancel={onCancel} />;
}
