import { useState, type FormEvent } from 'react';
import { Notice } from '../../components/Notice';
import { errorText } from '../../components/errors';
import { DateTimeField, SelectField, TextField } from '../../components/fields';
import { EXPERIENCE_LABELS, familyApi, listOf, STAGE_LABELS } from './api';
import { Checkboxes } from './ManageFamily';

/** The coordinator adds a volunteer to the roster; stages are recorded afterwards, and approval follows from them. */
export function AddVolunteerForm({ onAdded }: { onAdded: (name: string) => Promise<void> }) {
  const [name, setName] = useState('');
  const [languages, setLanguages] = useState('en');
  const [regions, setRegions] = useState('');
  const [experience, setExperience] = useState<string[]>([]);
  const [preferences, setPreferences] = useState('');
  const [limit, setLimit] = useState('2');
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await familyApi.addVolunteer({
        name,
        languages: listOf(languages),
        regions: listOf(regions).map((r) => r.toUpperCase()),
        livedExperience: experience,
        preferences: listOf(preferences),
        familyLimit: Number(limit),
        ...(email.trim() === '' ? {} : { accountEmail: email.trim() }),
      });
      setProblem(null);
      await onAdded(name);
      setName('');
      setRegions('');
      setExperience([]);
      setPreferences('');
      setEmail('');
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  return (
    <form className="usa-form maxw-tablet" aria-label="Add a volunteer" onSubmit={(e) => void submit(e)}>
      <h2>Add a volunteer</h2>
      {problem !== null && <Notice type="error">{problem}</Notice>}
      <TextField id="volunteer-name" label="Name" value={name} onChange={setName} required />
      <TextField id="volunteer-languages" label="Languages (comma-separated)" value={languages} onChange={setLanguages} />
      <TextField
        id="volunteer-regions"
        label="States served (comma-separated codes, e.g. OK, TX)"
        value={regions}
        onChange={setRegions}
      />
      <Checkboxes
        legend="Lived experience"
        name="volunteer-experience"
        options={EXPERIENCE_LABELS}
        chosen={experience}
        onChange={setExperience}
      />
      <TextField
        id="volunteer-preferences"
        label="Preferences (comma-separated, e.g. evenings)"
        value={preferences}
        onChange={setPreferences}
      />
      <TextField id="volunteer-limit" label="Most families at once" type="number" value={limit} onChange={setLimit} />
      <TextField
        id="volunteer-email"
        label="Their Beacon account’s e-mail (optional; an account with the volunteer role)"
        value={email}
        onChange={setEmail}
      />
      <button type="submit" className="usa-button">
        Add the volunteer
      </button>
    </form>
  );
}

/** Records a stage a volunteer completed (or a renewal), with the day it stops counting if it runs out. */
export function RecordStageForm({
  volunteers,
  onRecorded,
}: {
  volunteers: { id: string; name: string }[];
  onRecorded: (text: string) => Promise<void>;
}) {
  const [volunteerId, setVolunteerId] = useState('');
  const [stage, setStage] = useState('');
  const [completedOn, setCompletedOn] = useState(new Date().toISOString().slice(0, 10));
  const [validUntil, setValidUntil] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await familyApi.recordStage(volunteerId, stage, completedOn, validUntil === '' ? null : validUntil);
      setProblem(null);
      const who = volunteers.find((v) => v.id === volunteerId)?.name ?? '';
      await onRecorded(`${STAGE_LABELS[stage] ?? stage} recorded for ${who}.`);
      setStage('');
      setValidUntil('');
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  return (
    <form className="usa-form maxw-tablet" aria-label="Record a completed stage" onSubmit={(e) => void submit(e)}>
      <h2>Record a completed stage</h2>
      {problem !== null && <Notice type="error">{problem}</Notice>}
      <SelectField
        id="stage-volunteer"
        label="Volunteer"
        value={volunteerId}
        onChange={setVolunteerId}
        options={Object.fromEntries(volunteers.map((v) => [v.id, v.name]))}
        required
      />
      <SelectField id="stage-stage" label="Stage" value={stage} onChange={setStage} options={STAGE_LABELS} required />
      <DateTimeField
        id="stage-completed"
        type="date"
        label="Completed on"
        value={completedOn}
        onChange={setCompletedOn}
        required
      />
      <DateTimeField
        id="stage-valid-until"
        type="date"
        label="Valid until (leave empty if it never runs out)"
        value={validUntil}
        onChange={setValidUntil}
      />
      <button type="submit" className="usa-button">
        Record the stage
      </button>
    </form>
  );
}
