import { Button } from '@trussworks/react-uswds';
import { useState } from 'react';
import { api, query } from '../../api/client';
import type { Provider } from '../../api/types';
import { Notice } from '../../components/Notice';
import { errorText } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { NEED_DOMAIN_LABELS } from './text';

export type ChosenProvider = { id?: string; name: string; contact?: string };

const contactOf = (p: Provider) => [p.phone, p.email].filter((v) => v !== undefined && v !== '').join(', ');

/** Finds a provider in the resource directory by need, ZIP code and language, nearest first. */
export function ProviderFinder({ chosen, onChoose }: { chosen: ChosenProvider | null; onChoose: (p: ChosenProvider) => void }) {
  const [need, setNeed] = useState('');
  const [zip, setZip] = useState('');
  const [language, setLanguage] = useState('');
  const [found, setFound] = useState<Provider[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const search = async () => {
    try {
      const params = { need: need === '' ? null : need, zip, language: language === '' ? null : language };
      setFound((await api.get<{ items: Provider[] }>(`/api/v1/providers${query(params)}`)).items);
      setProblem(null);
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  return (
    <div className="border-1px border-base-lighter padding-2 margin-y-2">
      <p className="margin-top-0">
        Provider: <strong data-testid="chosen-provider">{chosen?.name ?? 'none chosen yet'}</strong>
      </p>
      <SelectField id="find-need" label="Need" value={need} options={NEED_DOMAIN_LABELS} empty="Any need" onChange={setNeed} />
      <TextField
        id="find-zip"
        label="ZIP code"
        hint="Providers serving this ZIP code, its county or its state"
        value={zip}
        onChange={setZip}
      />
      <TextField id="find-language" label="Language" hint="For example Spanish" value={language} onChange={setLanguage} />
      <Button type="button" outline onClick={() => void search()}>
        Find providers
      </Button>
      {problem !== null && <Notice type="error">{problem}</Notice>}
      {found !== null && found.length === 0 && <p role="status">No provider serves that place for that need.</p>}
      {found !== null && found.length > 0 && (
        <ol className="usa-list" aria-label="Providers, nearest first">
          {found.slice(0, 10).map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong>
              {p.distanceMiles !== undefined && `, ${p.distanceMiles} miles`}
              {p.stale && ' (not verified for over a year)'}; speaks {p.languages.join(', ')}.{' '}
              <Button
                type="button"
                unstyled
                onClick={() => onChoose({ id: p.id, name: p.name, ...(contactOf(p) === '' ? {} : { contact: contactOf(p) }) })}
              >
                Choose {p.name}
              </Button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
