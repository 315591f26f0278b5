import { Button, Form } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { Field } from '../../components/Field';
import { Notice, type NoticeMessage } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText, tooManyAttemptsText } from '../../components/errors';
import { authApi, type Stage } from './api';

type PasswordStepProps = {
  notice: NoticeMessage | null;
  onStage: (stage: Stage) => Promise<void>;
};

function loginErrorText(error: unknown): string {
  if (error instanceof ApiError && error.code === 'too_many_attempts') {
    return tooManyAttemptsText(error);
  }
  return errorText(error, { invalid_credentials: 'Email or password is not right.' });
}

/** Step 1 of signing in: email and password. */
export function PasswordStep({ notice, onStage }: PasswordStepProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await authApi.login(email.trim(), password);
      await onStage(answer.stage);
    } catch (err) {
      setPassword('');
      setError(loginErrorText(err));
      document.getElementById('password')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page heading="Sign in">
      {notice !== null && error === null && <Notice type={notice.type}>{notice.text}</Notice>}
      {error !== null && <Notice type="error">{error}</Notice>}
      <Form onSubmit={(event) => void onSubmit(event)}>
        <Field
          id="email"
          name="email"
          type="email"
          label="Email"
          autoComplete="username"
          spellCheck={false}
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <Field
          id="password"
          name="password"
          type="password"
          label="Password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <Button type="submit" aria-disabled={busy}>
          Sign in
        </Button>
      </Form>
    </Page>
  );
}
