import { useState, type FormEvent } from 'react';
import { navigate, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { errorText } from '../../components/errors';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { useLoad } from '../../components/useLoad';
import { US_STATE_NAMES } from '../intake/labels';
import { EXPERIENCE_LABELS, familyApi, listOf, type AdvocacyFamily } from './api';

type Message = { type: 'success' | 'error'; text: string } | null;

export function Checkboxes({
  legend,
  name,
  options,
  chosen,
  onChange,
}: {
  legend: string;
  name: string;
  options: Readonly<Record<string, string>>;
  chosen: string[];
  onChange: (chosen: string[]) => void;
}) {
  return (
    <fieldset className="usa-fieldset">
      <legend className="usa-legend">{legend}</legend>
      {Object.entries(options).map(([code, label]) => (
        <div className="usa-checkbox" key={code}>
          <input
            className="usa-checkbox__input"
            id={`${name}-${code}`}
            type="checkbox"
            checked={chosen.includes(code)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, code] : chosen.filter((c) => c !== code))}
          />
          <label className="usa-checkbox__label" htmlFor={`${name}-${code}`}>
            {label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** A supervisor adds a family: who they are and how to reach them (sealed), what matching uses; then opens its page. */
export function AddFamilyForm() {
  const [name, setName] = useState('');
  const [region, setRegion] = useState('');
  const [languages, setLanguages] = useState('en');
  const [experience, setExperience] = useState<string[]>([]);
  const [contactLabel, setContactLabel] = useState('');
  const [contactValue, setContactValue] = useState('');
  const [shared, setShared] = useState(false);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const contacts =
      contactLabel.trim() === '' ? [] : [{ label: contactLabel, value: contactValue, sharedWithVolunteer: shared }];
    try {
      const { id } = await familyApi.addFamily({
        details: { name, contacts, noteForVolunteer: note.trim() === '' ? null : note },
        region,
        languages: listOf(languages),
        experience,
        preferences: [],
      });
      navigate(paths.family(id));
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  return (
    <form className="usa-form maxw-tablet" aria-label="Add a family" onSubmit={(e) => void submit(e)}>
      <h2>Add a family</h2>
      {problem !== null && <Notice type="error">{problem}</Notice>}
      <TextField id="family-name" label="Family name" value={name} onChange={setName} required />
      <SelectField id="family-region" label="State" value={region} onChange={setRegion} options={US_STATE_NAMES} required />
      <TextField id="family-languages" label="Languages (comma-separated)" value={languages} onChange={setLanguages} />
      <Checkboxes
        legend="What the family lived through"
        name="family-experience"
        options={EXPERIENCE_LABELS}
        chosen={experience}
        onChange={setExperience}
      />
      <TextField
        id="family-contact-label"
        label="Contact (who, e.g. Mother, mobile)"
        value={contactLabel}
        onChange={setContactLabel}
      />
      <TextField id="family-contact-value" label="Number or address" value={contactValue} onChange={setContactValue} />
      <div className="usa-checkbox">
        <input
          className="usa-checkbox__input"
          id="family-contact-shared"
          type="checkbox"
          checked={shared}
          onChange={(e) => setShared(e.target.checked)}
        />
        <label className="usa-checkbox__label" htmlFor="family-contact-shared">
          The family agrees a matched volunteer may see this contact
        </label>
      </div>
      <TextAreaField id="family-note" label="Note the family agrees a volunteer may read" value={note} onChange={setNote} />
      <button type="submit" className="usa-button">
        Add the family
      </button>
    </form>
  );
}

/** A supervisor links cases to the family and assigns or takes off its advocates. */
export function ManageFamily({ family, onChanged }: { family: AdvocacyFamily; onChanged: () => Promise<void> }) {
  const { data, error, setData } = useLoad((signal) => familyApi.advocates(family.id, signal), [family.id]);
  const [reference, setReference] = useState('');
  const [advocate, setAdvocate] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      setData(await familyApi.advocates(family.id));
      setMessage({ type: 'success', text: done });
      await onChanged();
    } catch (err) {
      setMessage({ type: 'error', text: errorText(err) });
    }
  };
  const link = (e: FormEvent) => {
    e.preventDefault();
    void run(() => familyApi.linkCase(family.id, reference.trim()), `Case ${reference.trim()} linked.`).then(() =>
      setReference(''),
    );
  };
  const assign = (e: FormEvent) => {
    e.preventDefault();
    const name = data?.assignable.find((a) => a.id === advocate)?.name ?? '';
    void run(() => familyApi.assignAdvocate(family.id, advocate), `${name} assigned.`).then(() => setAdvocate(''));
  };
  return (
    <section aria-labelledby="manage">
      <h2 id="manage">Cases and advocates</h2>
      {message !== null && <Notice type={message.type}>{message.text}</Notice>}
      <form className="usa-form" aria-label="Link a case" onSubmit={link}>
        <TextField id="link-reference" label="Case reference to link" value={reference} onChange={setReference} required />
        <button type="submit" className="usa-button usa-button--outline">
          Link the case
        </button>
      </form>
      {error !== null && <Notice type="error">{error}</Notice>}
      {data !== null && (
        <>
          <h3>Advocates</h3>
          {data.assigned.length === 0 ? (
            <p>No advocate is assigned.</p>
          ) : (
            <ul className="usa-list">
              {data.assigned.map((a) => (
                <li key={a.id}>
                  {a.name}{' '}
                  <button
                    type="button"
                    className="usa-button usa-button--unstyled"
                    onClick={() => void run(() => familyApi.unassignAdvocate(family.id, a.id), `${a.name} taken off the family.`)}
                  >
                    Take {a.name} off the family
                  </button>
                </li>
              ))}
            </ul>
          )}
          {data.assignable.length > 0 && (
            <form className="usa-form" aria-label="Assign an advocate" onSubmit={assign}>
              <SelectField
                id="assign-advocate"
                label="Advocate to assign"
                value={advocate}
                onChange={setAdvocate}
                options={Object.fromEntries(data.assignable.map((a) => [a.id, a.name]))}
                required
              />
              <button type="submit" className="usa-button usa-button--outline">
                Assign the advocate
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
