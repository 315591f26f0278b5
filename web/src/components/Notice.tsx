import { Alert, AlertText } from '@trussworks/react-uswds';
import type { ReactNode } from 'react';

export type NoticeType = 'info' | 'success' | 'warning' | 'error';

/** A notice kept in state, e.g. "Your session ended; please sign in again". */
export type NoticeMessage = { type: NoticeType; text: string };

type NoticeProps = { type: NoticeType; children: ReactNode };

/**
 * A slim USWDS alert. Errors and warnings are announced at once (role="alert"); other
 * notices politely (role="status").
 */
export function Notice({ type, children }: NoticeProps) {
  const urgent = type === 'error' || type === 'warning';
  return (
    <Alert type={type} slim role={urgent ? 'alert' : 'status'} className="margin-y-2">
      <AlertText>{children}</AlertText>
    </Alert>
  );
}
