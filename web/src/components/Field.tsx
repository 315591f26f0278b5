import { ErrorMessage, FormGroup, Label, TextInput, type TextInputProps } from '@trussworks/react-uswds';

type FieldProps = {
  id: string;
  label: string;
  hint?: string;
  /** Shown under the label, tied to the input with aria-describedby. */
  error?: string | null;
} & Omit<TextInputProps, 'id' | 'validationStatus' | 'inputRef'>;

/** A labelled USWDS text input with an optional hint and error message. */
export function Field({ id, label, hint, error, ...input }: FieldProps) {
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter((v) => v !== undefined).join(' ');
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
      </Label>
      {hint !== undefined && (
        <span className="usa-hint" id={hintId}>
          {hint}
        </span>
      )}
      {error ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <TextInput
        id={id}
        validationStatus={error ? 'error' : undefined}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        aria-invalid={error ? true : undefined}
        {...input}
      />
    </FormGroup>
  );
}
