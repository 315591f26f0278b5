import { Alert, AlertHeading, Button, ButtonGroup, Fieldset, Radio } from '@trussworks/react-uswds';
import { useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { ApiError } from '../../api/client';
import { Notice } from '../../components/Notice';
import { errorText } from '../../components/errors';
import { GENDER_LABELS, INCIDENT_TYPE_LABELS, RELATIONSHIP_LABELS, US_STATE_NAMES } from '../intake/labels';
import { hotlineApi, type CallDetails, type Draft } from './api';
import {
  CheckboxField,
  FormContext,
  NumberField,
  SelectField,
  TextAreaField,
  TextField,
  useFormBinding,
  type FormBinding,
} from './fields';
import { appendAt, clockTime, fieldId, getAt, removeAt, setAt } from './model';
import {
  CALL_LANGUAGE_LABELS,
  CALLER_TYPE_LABELS,
  IDENTIFIER_KIND_LABELS,
  ONLINE_KIND_LABELS,
  PERSON_ROLE_LABELS,
  fieldLabel,
} from './text';
import { clearLocal, useAutosave, type Content, type SaveState } from './useAutosave';
import styles from './hotline.module.css';

type FieldErrors = { path: string; message: string }[];

/** The screen for one live call: call details on the side, the report in sections, saved as it is typed. */
export function CallForm({ draft, onSubmitted }: { draft: Draft; onSubmitted: (reference: string) => void }) {
  const { content, update, state, flush } = useAutosave(draft);
  const [errors, setErrors] = useState<FieldErrors>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  // A new set of errors moves focus to their summary, so the operator hears and sees them at once.
  useEffect(() => {
    if (errors.length > 0) summaryRef.current?.focus();
  }, [errors]);

  const errorMap = useMemo(() => new Map(errors.map((e) => [e.path, e.message])), [errors]);
  const binding: FormBinding = {
    report: content.report,
    set: (path, value) => update((c) => ({ ...c, report: setAt(c.report, path, value) })),
    errors: errorMap,
  };
  const setCall = <K extends keyof Content['call']>(key: K, value: Content['call'][K]): void =>
    update((c) => ({ ...c, call: { ...c.call, [key]: value } }));
  const list = (path: string, action: 'add' | { remove: number }): void =>
    update((c) => ({ ...c, report: action === 'add' ? appendAt(c.report, path) : removeAt(c.report, path, action.remove) }));

  const submit = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    try {
      if (!(await flush())) {
        setNotice('The latest changes could not be saved yet, so the report was not submitted. Try again in a moment.');
        return;
      }
      const { reference } = await hotlineApi.submit(draft.id);
      clearLocal(draft.id);
      onSubmitted(reference);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.fieldErrors.length > 0) {
        setErrors([...error.fieldErrors]);
      } else {
        setNotice(errorText(error, { draft_closed: 'This call was already submitted or discarded.' }));
      }
    } finally {
      setBusy(false);
    }
  };

  const discard = async (): Promise<void> => {
    if (busy || !window.confirm('Discard this call? No report will be made.')) return;
    setBusy(true);
    try {
      await hotlineApi.discard(draft.id);
      clearLocal(draft.id);
      onSubmitted('');
    } catch (error) {
      setNotice(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const reporterAnonymous = getAt(content.report, 'reporter.anonymous') === true;
  const childRows = Math.max(1, (getAt(content.report, 'children') as unknown[] | undefined)?.length ?? 0);
  const onlineItems = (getAt(content.report, 'online') as unknown[] | undefined) ?? [];
  const personItems = (getAt(content.report, 'persons') as unknown[] | undefined) ?? [];

  return (
    <FormContext.Provider value={binding}>
      <SaveStatus state={state} />
      {errors.length > 0 && <ErrorSummary errors={errors} summaryRef={summaryRef} />}
      {notice !== null && <Notice type="error">{notice}</Notice>}
      <form
        className={`usa-form usa-form--large ${styles.form ?? ''}`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="grid-row grid-gap">
          <div className="desktop:grid-col-4">
            <CallPanel draft={draft} call={content.call} setCall={setCall} />
          </div>
          <div className="desktop:grid-col-8">
            <Section id="incident" title="What happened">
              <SelectField path="incident.type" label={fieldLabel('incident.type')} options={INCIDENT_TYPE_LABELS} />
              <TextAreaField
                path="incident.description"
                label={fieldLabel('incident.description')}
                hint="In the caller’s words where possible. At least 10 characters."
              />
              <TextField
                path="incident.occurredOn"
                label={fieldLabel('incident.occurredOn')}
                hint="Year-month-day, like 2026-01-31"
              />
              <TextAreaField
                path="incident.escalationReason"
                label={fieldLabel('incident.escalationReason')}
                hint="Fill this only if a child may be in danger now: the report is escalated."
              />
            </Section>

            <Section id="location" title="Where">
              <TextField path="location.address" label={fieldLabel('location.address')} />
              <TextField path="location.city" label={fieldLabel('location.city')} />
              <SelectField path="location.state" label={fieldLabel('location.state')} options={US_STATE_NAMES} />
              <TextField path="location.zip" label={fieldLabel('location.zip')} hint="5 digits, like 74103" />
              <TextAreaField path="location.details" label={fieldLabel('location.details')} />
              <h3>Online</h3>
              {onlineItems.map((_, i) => (
                <Fieldset key={i} legend={`Online place ${i + 1}`} className={styles.item}>
                  <SelectField path={`online.${i}.kind`} label="Kind of online place" options={ONLINE_KIND_LABELS} />
                  <TextField path={`online.${i}.platform`} label="Platform or app" />
                  <TextField path={`online.${i}.identifier`} label="Address, username or number" />
                  <TextAreaField path={`online.${i}.details`} label="More about it" />
                  <RemoveButton onClick={() => list('online', { remove: i })}>Remove online place {i + 1}</RemoveButton>
                </Fieldset>
              ))}
              <AddButton onClick={() => list('online', 'add')}>Add an online place</AddButton>
            </Section>

            <Section id="children" title="Child or children">
              {Array.from({ length: childRows }, (_, i) => (
                <Fieldset key={i} legend={`Child ${i + 1}`} className={styles.item}>
                  <TextField path={`children.${i}.name`} label="Name" hint="If the caller knows it" />
                  <NumberField path={`children.${i}.approximateAge`} label="Approximate age" min={0} max={17} />
                  <SelectField path={`children.${i}.gender`} label="Gender" options={GENDER_LABELS} />
                  <CheckboxField path={`children.${i}.missing`} label="The child is missing" />
                  <TextAreaField
                    path={`children.${i}.description`}
                    label="Description"
                    hint="What the child looks like, clothes, anything that helps find them"
                  />
                  <TextField path={`children.${i}.school`} label="School" />
                  <TextField path={`children.${i}.currentLocation`} label="Where the child is now" />
                  {i > 0 && <RemoveButton onClick={() => list('children', { remove: i })}>Remove child {i + 1}</RemoveButton>}
                </Fieldset>
              ))}
              <AddButton onClick={() => update((c) => ({ ...c, report: setAt(c.report, `children.${childRows}`, {}) }))}>
                Add another child
              </AddButton>
            </Section>

            <Section id="persons" title="Person or people reported">
              {personItems.map((_, i) => (
                <PersonFields key={i} index={i} list={list} />
              ))}
              <AddButton onClick={() => list('persons', 'add')}>Add a person</AddButton>
            </Section>

            <Section id="reporter" title="The caller as reporter">
              <CheckboxField
                path="reporter.anonymous"
                label="The caller wants to stay anonymous"
                onChecked={(checked) => {
                  if (!checked) return;
                  // An anonymous report carries no contact details: clear any already typed.
                  update((c) => {
                    let report = c.report;
                    for (const f of ['name', 'email', 'phone']) report = setAt(report, `reporter.${f}`, undefined);
                    return { ...c, report: setAt(report, 'reporter.anonymous', true) };
                  });
                }}
              />
              {!reporterAnonymous && (
                <>
                  <TextField path="reporter.name" label={fieldLabel('reporter.name')} autoComplete="off" />
                  <TextField path="reporter.phone" label={fieldLabel('reporter.phone')} type="tel" />
                  <TextField path="reporter.email" label={fieldLabel('reporter.email')} type="email" />
                </>
              )}
              <SelectField
                path="reporter.relationship"
                label={fieldLabel('reporter.relationship')}
                options={RELATIONSHIP_LABELS}
              />
            </Section>

            <Section id="additionalInfo" title="Additional information">
              <TextAreaField path="additionalInfo" label={fieldLabel('additionalInfo')} />
            </Section>

            <ButtonGroup className="margin-y-4">
              <Button type="submit" aria-disabled={busy}>
                {busy ? 'Submitting…' : 'Submit report'}
              </Button>
              <Button type="button" unstyled className="margin-left-2" onClick={() => void discard()}>
                Discard call
              </Button>
            </ButtonGroup>
          </div>
        </div>
      </form>
    </FormContext.Provider>
  );
}

function PersonFields({ index: i, list }: { index: number; list: (path: string, action: 'add' | { remove: number }) => void }) {
  const binding = useFormBinding();
  const identifiers = (getAt(binding.report, `persons.${i}.identifiers`) as unknown[] | undefined) ?? [];
  return (
    <Fieldset legend={`Person ${i + 1}`} className={styles.item}>
      <SelectField path={`persons.${i}.role`} label="Role" options={PERSON_ROLE_LABELS} />
      <TextField path={`persons.${i}.name`} label="Name" />
      <NumberField path={`persons.${i}.approximateAge`} label="Approximate age" min={0} max={120} />
      <TextAreaField path={`persons.${i}.description`} label="Description" />
      {identifiers.map((_, j) => (
        <Fieldset key={j} legend={`Identifier ${j + 1} of person ${i + 1}`} className={styles.item}>
          <SelectField path={`persons.${i}.identifiers.${j}.kind`} label="Kind of identifier" options={IDENTIFIER_KIND_LABELS} />
          <TextField path={`persons.${i}.identifiers.${j}.value`} label="Identifier" />
          <RemoveButton onClick={() => list(`persons.${i}.identifiers`, { remove: j })}>
            Remove identifier {j + 1} of person {i + 1}
          </RemoveButton>
        </Fieldset>
      ))}
      <AddButton onClick={() => list(`persons.${i}.identifiers`, 'add')}>
        Add a phone number, username or other identifier
      </AddButton>
      <TextField path={`persons.${i}.vehicle.make`} label="Vehicle make" />
      <TextField path={`persons.${i}.vehicle.model`} label="Vehicle model" />
      <TextField path={`persons.${i}.vehicle.colour`} label="Vehicle colour" />
      <TextField path={`persons.${i}.vehicle.plate`} label="License plate" />
      <SelectField path={`persons.${i}.vehicle.plateState`} label="Plate state" options={US_STATE_NAMES} />
      <RemoveButton onClick={() => list('persons', { remove: i })}>Remove person {i + 1}</RemoveButton>
    </Fieldset>
  );
}

function CallPanel({
  draft,
  call,
  setCall,
}: {
  draft: Draft;
  call: Content['call'];
  setCall: <K extends keyof Content['call']>(key: K, value: Content['call'][K]) => void;
}) {
  const started = new Date(draft.call.startedAt);
  const [endedAt, setEndedAt] = useState<Date | null>(draft.call.endedAt === null ? null : new Date(draft.call.endedAt));
  return (
    <section aria-labelledby="call-heading" className={styles.call}>
      <h2 id="call-heading">Call</h2>
      <p>
        Started at <time dateTime={draft.call.startedAt}>{clockTime(started)}</time>
        {call.ended && endedAt !== null && (
          <>
            , ended at <time dateTime={endedAt.toISOString()}>{clockTime(endedAt)}</time>
          </>
        )}
      </p>
      <div className="usa-form-group">
        <label className="usa-label" htmlFor="call-language">
          Language of the call
        </label>
        <select
          id="call-language"
          className="usa-select"
          value={call.language ?? ''}
          onChange={(e) => setCall('language', e.target.value === '' ? null : e.target.value)}
        >
          <option value="">- Select -</option>
          {Object.entries(CALL_LANGUAGE_LABELS).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="usa-form-group">
        <label className="usa-label" htmlFor="call-callerType">
          Who is calling
        </label>
        <select
          id="call-callerType"
          className="usa-select"
          value={call.callerType ?? ''}
          onChange={(e) =>
            setCall('callerType', e.target.value === '' ? null : (e.target.value as NonNullable<CallDetails['callerType']>))
          }
        >
          <option value="">- Select -</option>
          {Object.entries(CALLER_TYPE_LABELS).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <Fieldset legend="May we call the caller back?">
        <Radio
          id="call-callback-yes"
          name="call-callback"
          label="Yes"
          checked={call.callbackConsent === true}
          onChange={() => setCall('callbackConsent', true)}
        />
        <Radio
          id="call-callback-no"
          name="call-callback"
          label="No"
          checked={call.callbackConsent === false}
          onChange={() => setCall('callbackConsent', false)}
        />
      </Fieldset>
      {call.ended ? (
        <Button
          type="button"
          outline
          className="margin-top-3"
          onClick={() => {
            setEndedAt(null);
            setCall('ended', false);
          }}
        >
          Reopen call
        </Button>
      ) : (
        <Button
          type="button"
          secondary
          className="margin-top-3"
          onClick={() => {
            setEndedAt(new Date());
            setCall('ended', true);
          }}
        >
          End call
        </Button>
      )}
    </section>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={`section-${id}`} tabIndex={-1} aria-labelledby={`${id}-heading`} className="beacon-section">
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button type="button" outline onClick={onClick} className="margin-top-2">
      {children}
    </Button>
  );
}

function RemoveButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button type="button" unstyled onClick={onClick} className="margin-top-2">
      {children}
    </Button>
  );
}

/** Where an error's link goes: the field itself, else the section it belongs to. */
function targetOf(path: string): string {
  const exact = fieldId(path);
  if (document.getElementById(exact) !== null) return exact;
  return `section-${path.split('.')[0] ?? 'incident'}`;
}

function ErrorSummary({ errors, summaryRef }: { errors: FieldErrors; summaryRef: RefObject<HTMLDivElement | null> }) {
  return (
    <div ref={summaryRef} tabIndex={-1} className="margin-y-2">
      <Alert type="error" role="alert">
        <AlertHeading level="h2">The report needs a few more details</AlertHeading>
        <ul className="usa-list">
          {errors.map((e) => (
            <li key={e.path}>
              <a className="usa-link" href={`#${targetOf(e.path)}`}>
                {fieldLabel(e.path)}: {e.message}
              </a>
            </li>
          ))}
        </ul>
      </Alert>
    </div>
  );
}

/** The autosave line: "Saved at 10:42:13", announced politely; failures are said plainly. */
function SaveStatus({ state }: { state: SaveState }) {
  const savedAt = 'savedAt' in state ? state.savedAt : null;
  let message: string;
  switch (state.kind) {
    case 'stale':
      return (
        <Notice type="error">
          This call was changed in another window or tab. Reload the page to continue with the latest version.
        </Notice>
      );
    case 'closed':
      return <Notice type="warning">This call was already submitted or discarded; changes here are no longer saved.</Notice>;
    case 'rejected':
      return <Notice type="error">The server did not accept the last change: {state.message}</Notice>;
    case 'retrying':
      message =
        'Not saved: the server could not be reached. Your typing is kept in this browser and will be saved when it answers.';
      break;
    case 'unsaved':
      message = state.restored
        ? 'Restored changes from this browser; saving them now.'
        : savedAt === null
          ? ''
          : `Saved at ${clockTime(savedAt)}`;
      break;
    default:
      message = savedAt === null ? 'No changes yet.' : `Saved at ${clockTime(savedAt)}`;
  }
  return (
    <div className={styles.status}>
      <p role="status" aria-live="polite" className="margin-y-1" data-testid="save-status">
        {message}
      </p>
      {state.kind === 'unsaved' && (
        <span aria-hidden="true" className="text-base">
          Unsaved changes…
        </span>
      )}
    </div>
  );
}
