import { Button, Form } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { AppLink, paths } from '../../app/router';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { authApi } from './api';

export const MIN_PASSWORD_LENGTH = 12;

type FieldErrors = { password?: string; confirm?: string };

function checkPasswords(password: string, confirm: string): FieldErrors {
  const errors: FieldErrors = {};
  if (password.length < MIN_PASSWORD_LENGTH) {
    errors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (confirm !== password) errors.confirm = 'The two passwords are not the same.';
  return errors;
}

/** The server's word on the password itself, if that is what it turned down. */
function passwordError(error: ApiError): string | undefined {
  if (error.code === 'weak_password') return error.message;
  return error.fieldErrors.find((f) => f.path.endsWith('password'))?.message;
}

/** `/app/setup?token=…`: a new staff member chooses a password from a one-time set-up link. */
export function SetupPage({ token }: { token: string | null }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  if (done) {
    return (
      <Page heading="Your password is set">
        <p>Sign in with your email and new password. Beacon will then help you set up an authenticator app.</p>
        <p>
          <AppLink href={paths.login()} className="usa-button">
            Password set — sign in
          </AppLink>
        </p>
      </Page>
    );
  }

  if (token === null || token.trim() === '') {
    return (
      <Page heading="Set your password">
        <Notice type="error">This set-up link is not complete. Please ask your administrator for a new one.</Notice>
      </Page>
    );
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const problems = checkPasswords(password, confirm);
    setFieldErrors(problems);
    setError(null);
    if (problems.password !== undefined || problems.confirm !== undefined) {
      document.getElementById(problems.password !== undefined ? 'new-password' : 'confirm-password')?.focus();
      return;
    }
    setBusy(true);
    try {
      await authApi.setPassword(token, password);
      setDone(true);
    } catch (err) {
      const passwordProblem = err instanceof ApiError ? passwordError(err) : undefined;
      if (passwordProblem !== undefined) {
        setFieldErrors({ password: passwordProblem });
        document.getElementById('new-password')?.focus();
      } else {
        setError(errorText(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page heading="Set your password">
      {error !== null && <Notice type="error">{error}</Notice>}
      <Form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field
          id="new-password"
          name="password"
          type="password"
          label="New password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one.`}
          autoComplete="new-password"
          required
          value={password}
          error={fieldErrors.password ?? null}
          onChange={(event) => setPassword(event.target.value)}
        />
        <Field
          id="confirm-password"
          name="confirm"
          type="password"
          label="New password again"
          autoComplete="new-password"
          required
          value={confirm}
          error={fieldErrors.confirm ?? null}
          onChange={(event) => setConfirm(event.target.value)}
        />
        <Button type="submit" aria-disabled={busy}>
          Set password
        </Button>
      </Form>
    </Page>
  );
}
