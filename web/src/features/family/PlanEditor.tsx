import { useState, type FormEvent } from 'react';
import { Notice } from '../../components/Notice';
import { errorText } from '../../components/errors';
import { SelectField, TextAreaField } from '../../components/fields';
import { familyApi, NEED_LABELS, type AdvocacyFamily } from './api';

type Plan = AdvocacyFamily['plan'];
type Provider = { id: string; name: string };
const today = () => new Date().toISOString().slice(0, 10);

/** The support plan as a form: the needs in the domains, each with a note, and resources from the directory. */
export function PlanEditor({ family, onSaved }: { family: AdvocacyFamily; onSaved: () => Promise<void> }) {
  const [needs, setNeeds] = useState<Record<string, string | undefined>>(
    Object.fromEntries(family.plan.needs.map((n) => [n.kind, n.note])),
  );
  const [resources, setResources] = useState<Plan['resources']>(family.plan.resources);
  const [message, setMessage] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const plan = {
      needs: Object.entries(needs)
        .filter((entry): entry is [Plan['needs'][number]['kind'], string] => entry[1] !== undefined)
        .map(([kind, note]) => ({ kind, note })),
      resources,
    };
    try {
      await familyApi.savePlan(family.id, plan);
      setMessage({ type: 'success', text: 'Support plan saved.' });
      await onSaved();
    } catch (err) {
      setMessage({ type: 'error', text: errorText(err) });
    }
  };
  return (
    <form className="usa-form maxw-tablet" aria-label="Edit the support plan" onSubmit={(e) => void save(e)}>
      {message !== null && <Notice type={message.type}>{message.text}</Notice>}
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">The family’s needs</legend>
        {Object.entries(NEED_LABELS).map(([kind, label]) => (
          <div key={kind}>
            <div className="usa-checkbox">
              <input
                className="usa-checkbox__input"
                id={`need-${kind}`}
                type="checkbox"
                checked={needs[kind] !== undefined}
                onChange={(e) => setNeeds({ ...needs, [kind]: e.target.checked ? (needs[kind] ?? '') : undefined })}
              />
              <label className="usa-checkbox__label" htmlFor={`need-${kind}`}>
                {label}
              </label>
            </div>
            {needs[kind] !== undefined && (
              <TextAreaField
                id={`need-note-${kind}`}
                label={`Note on ${label.toLowerCase()}`}
                value={needs[kind]}
                onChange={(note) => setNeeds({ ...needs, [kind]: note })}
              />
            )}
          </div>
        ))}
      </fieldset>
      <Resources family={family} needs={needs} resources={resources} onChange={setResources} />
      <button type="submit" className="usa-button">
        Save the support plan
      </button>
    </form>
  );
}

function Resources({
  family,
  needs,
  resources,
  onChange,
}: {
  family: AdvocacyFamily;
  needs: Record<string, string | undefined>;
  resources: Plan['resources'];
  onChange: (r: Plan['resources']) => void;
}) {
  const [providers, setProviders] = useState<Provider[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [providerId, setProviderId] = useState('');
  const [forNeed, setForNeed] = useState('');
  const chosenNeeds = Object.fromEntries(Object.entries(NEED_LABELS).filter(([kind]) => needs[kind] !== undefined));
  const look = async () => {
    try {
      setProviders((await familyApi.providersIn(family.region)).items);
      setProblem(null);
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  const offer = () => {
    const provider = providers?.find((p) => p.id === providerId);
    if (provider === undefined || forNeed === '') return;
    const need = forNeed as Plan['resources'][number]['forNeed'];
    onChange([...resources, { providerId: provider.id, providerName: provider.name, forNeed: need, offeredOn: today() }]);
    setProviderId('');
  };
  return (
    <fieldset className="usa-fieldset margin-top-3">
      <legend className="usa-legend">Resources offered</legend>
      {resources.length === 0 ? (
        <p>None offered yet.</p>
      ) : (
        <ul className="usa-list">
          {resources.map((r, i) => (
            <li key={`${r.providerName}:${r.forNeed}:${i}`}>
              {r.providerName} for {(NEED_LABELS[r.forNeed] ?? r.forNeed).toLowerCase()}, offered {r.offeredOn}{' '}
              <button
                type="button"
                className="usa-button usa-button--unstyled"
                onClick={() => onChange(resources.filter((_, j) => j !== i))}
              >
                Remove {r.providerName}
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem !== null && <Notice type="error">{problem}</Notice>}
      {providers === null ? (
        <button type="button" className="usa-button usa-button--outline" onClick={() => void look()}>
          Find resources in {family.region} from the directory
        </button>
      ) : providers.length === 0 ? (
        <p>The directory has no provider serving {family.region}.</p>
      ) : (
        <>
          <SelectField
            id="resource-provider"
            label="Provider from the directory"
            value={providerId}
            onChange={setProviderId}
            options={Object.fromEntries(providers.map((p) => [p.id, p.name]))}
          />
          <SelectField id="resource-need" label="For the need" value={forNeed} onChange={setForNeed} options={chosenNeeds} />
          <button type="button" className="usa-button usa-button--outline" onClick={offer}>
            Add the resource
          </button>
        </>
      )}
    </fieldset>
  );
}
