import { Button, Fieldset } from '@trussworks/react-uswds';
import { useEffect, useState, type FormEvent } from 'react';
import { AppLink, navigate, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { casesApi, type Team } from './api';
import { compact, DateTimeField, ErrorSummary, SelectField, TextField, useSubmit } from './form';
import { GENDERS, PLACEMENT_KINDS, US_STATES } from './text';

const FIELDS: Readonly<Record<string, { id: string; label: string }>> = {
  'details.identity.name': { id: 'case-name', label: 'Child’s name' },
  'details.identity.approximateAge': { id: 'case-age', label: 'Age' },
  'details.identity.dateOfBirth': { id: 'case-dob', label: 'Date of birth' },
  'details.identity.gender': { id: 'case-gender', label: 'Gender' },
  'details.placement.kind': { id: 'case-placement', label: 'Where the child lives' },
  'details.placement.agencyName': { id: 'case-agency', label: 'Agency with custody' },
  state: { id: 'case-state', label: 'State' },
  teamId: { id: 'case-team', label: 'Team' },
};
const idFor = (path: string) => FIELDS[path]?.id ?? 'case-name';
const labelFor = (path: string) => FIELDS[path]?.label ?? path;

/** `/app/cases/new`: open a case for one child. */
export function NewCasePage() {
  const [form, setForm] = useState({ name: '', age: '', dob: '', gender: '', placement: '', agency: '', state: '', teamId: '' });
  const [teams, setTeams] = useState<Team[]>([]);
  const submit = useSubmit({ forbidden: 'Your role does not include opening cases.' });
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  useEffect(() => {
    casesApi.teams().then(
      (t) => {
        setTeams(t.items);
        if (t.items.length === 1 && t.items[0] !== undefined)
          setForm((f) => (f.teamId === '' ? { ...f, teamId: t.items[0]!.id } : f));
      },
      () => setTeams([]),
    );
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const local = [];
    if (form.name.trim() === '') local.push({ path: 'details.identity.name', message: 'is required' });
    if (form.age !== '' && !/^\d{1,2}$/.test(form.age))
      local.push({ path: 'details.identity.approximateAge', message: 'must be a whole number of years' });
    if (local.length > 0) return submit.fail(local);
    const identity = compact({
      name: form.name.trim(),
      approximateAge: form.age === '' ? undefined : Number(form.age),
      dateOfBirth: form.dob,
      gender: form.gender,
    });
    const body = compact({
      details: {
        identity,
        ...(form.placement === '' ? {} : { placement: compact({ kind: form.placement, agencyName: form.agency.trim() }) }),
      },
      state: form.state,
      teamId: form.teamId,
    });
    void submit.run(async () => {
      const created = await casesApi.create(body);
      navigate(paths.caseFile(created.reference));
    });
  };

  return (
    <Page
      heading="Open a case"
      above={
        <p className="margin-top-3 margin-bottom-0">
          <AppLink href={paths.cases()} className="usa-link">
            Back to cases
          </AppLink>
        </p>
      }
    >
      <ErrorSummary heading="The case needs a few more details" errors={submit.errors} idFor={idFor} labelFor={labelFor} />
      {submit.message !== null && <Notice type="error">{submit.message}</Notice>}
      <form className="usa-form usa-form--large" noValidate onSubmit={onSubmit}>
        <Fieldset legend="The child" legendStyle="large">
          <TextField
            id="case-name"
            label="Child’s name"
            hint="The name the child uses."
            value={form.name}
            onChange={set('name')}
            error={submit.errorFor('details.identity.name')}
            required
          />
          <TextField
            id="case-age"
            label="Age"
            hint="In years, if the date of birth is not known."
            type="number"
            value={form.age}
            onChange={set('age')}
            error={submit.errorFor('details.identity.approximateAge')}
          />
          <DateTimeField
            id="case-dob"
            label="Date of birth"
            type="date"
            value={form.dob}
            onChange={set('dob')}
            error={submit.errorFor('details.identity.dateOfBirth')}
          />
          <SelectField
            id="case-gender"
            label="Gender"
            hint="As the child describes themself."
            options={GENDERS}
            value={form.gender}
            onChange={set('gender')}
            error={submit.errorFor('details.identity.gender')}
          />
        </Fieldset>
        <Fieldset legend="Placement" legendStyle="large">
          <SelectField
            id="case-placement"
            label="Where the child lives"
            options={PLACEMENT_KINDS}
            value={form.placement}
            onChange={set('placement')}
            error={submit.errorFor('details.placement.kind')}
          />
          <TextField
            id="case-agency"
            label="Agency with custody"
            value={form.agency}
            onChange={set('agency')}
            error={submit.errorFor('details.placement.agencyName')}
          />
          <SelectField
            id="case-state"
            label="State"
            options={US_STATES}
            value={form.state}
            onChange={set('state')}
            error={submit.errorFor('state')}
          />
          <SelectField
            id="case-team"
            label="Team"
            hint="The team that works the case. You are its case manager."
            options={Object.fromEntries(teams.map((t) => [t.id, t.name]))}
            value={form.teamId}
            onChange={set('teamId')}
            error={submit.errorFor('teamId')}
          />
        </Fieldset>
        <Button type="submit" aria-disabled={submit.busy}>
          {submit.busy ? 'Opening the case…' : 'Open the case'}
        </Button>
      </form>
    </Page>
  );
}
