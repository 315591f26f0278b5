import { Button, Form, Tag } from '@trussworks/react-uswds';
import { GENDERS_SERVED, NEED_DOMAINS, type GenderServed, type NeedDomain } from '@shared/directory';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { SelectField, TextField } from '../../components/fields';
import { useLoad } from '../../components/useLoad';
import { directoryApi, type Provider, type ProviderSearch } from './api';

const NEED_LABELS: Readonly<Record<NeedDomain, string>> = {
  safety_placement: 'Safety and placement',
  medical_dental: 'Medical and dental',
  mental_health: 'Mental health',
  substance_use: 'Substance use',
  education: 'Education',
  legal_rights: 'Legal rights',
  identity_documents: 'Identity documents',
  family_relationships: 'Family and relationships',
  independent_living: 'Independent living',
};
const GENDER_LABELS: Readonly<Record<GenderServed, string>> = {
  girls: 'Girls',
  boys: 'Boys',
  transgender_nonbinary: 'Transgender and non-binary youth',
};
const SERVICE_LABELS: Readonly<Record<string, string>> = {
  shelter: 'Shelter',
  medical: 'Medical',
  mental_health: 'Mental health',
  legal: 'Legal',
  education: 'Education',
  drop_in: 'Drop-in',
  anti_trafficking: 'Anti-trafficking',
  other: 'Other',
};
const isNeed = (v: string): v is NeedDomain => (NEED_DOMAINS as readonly string[]).includes(v);
const isGender = (v: string): v is GenderServed => (GENDERS_SERVED as readonly string[]).includes(v);

type Fields = { need: string; zip: string; language: string; age: string; gender: string };
const EMPTY: Fields = { need: '', zip: '', language: '', age: '', gender: '' };

/** The form as the API's query; a field left empty is left out. */
function searchOf(form: Fields): ProviderSearch {
  const age = Number(form.age);
  return {
    zip: form.zip.trim(),
    ...(isNeed(form.need) ? { need: form.need } : {}),
    ...(form.language.trim() !== '' ? { language: form.language.trim() } : {}),
    ...(form.age.trim() !== '' && Number.isInteger(age) ? { age } : {}),
    ...(isGender(form.gender) ? { gender: form.gender } : {}),
  };
}

type Answer = { kind: 'found'; items: Provider[] } | { kind: 'invalid'; errors: Record<string, string> };

async function search(query: ProviderSearch | null, signal: AbortSignal): Promise<Answer | null> {
  if (query === null) return null;
  try {
    return { kind: 'found', items: await directoryApi.search(query, signal) };
  } catch (err) {
    if (err instanceof ApiError && err.status === 400 && err.fieldErrors.length > 0)
      return { kind: 'invalid', errors: Object.fromEntries(err.fieldErrors.map((e) => [e.path, e.message])) };
    throw err;
  }
}

/** US numbers as people write them; others as stored. */
const phoneText = (e164: string) => {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return us ? `(${us[1]}) ${us[2]}-${us[3]}` : e164;
};

const ages = (s: Provider['services'][number]) =>
  s.minAge === undefined && s.maxAge === undefined ? 'any age' : `ages ${s.minAge ?? 0}–${s.maxAge ?? '…'}`;

function ProviderCard({ p }: { p: Provider }) {
  return (
    <li className="usa-collection__item">
      <div className="usa-collection__body">
        <h2 className="usa-collection__heading">
          {p.name} {p.stale && <Tag className="bg-secondary-dark">Not verified for over a year</Tag>}
        </h2>
        <ul className="usa-collection__meta" aria-label="Details">
          {p.distanceMiles !== undefined && <li className="usa-collection__meta-item">{p.distanceMiles} miles away</li>}
          <li className="usa-collection__meta-item">Speaks {p.languages.join(', ')}</li>
          {p.hours !== undefined && <li className="usa-collection__meta-item">{p.hours}</li>}
          <li className="usa-collection__meta-item">Verified {p.verifiedAt.slice(0, 10)}</li>
        </ul>
        <ul className="margin-y-1">
          {p.services.map((s, i) => (
            <li key={`${s.kind}-${i}`}>
              {SERVICE_LABELS[s.kind] ?? s.kind}: {s.genders.map((g) => GENDER_LABELS[g]).join(', ')}, {ages(s)}
              {s.notes !== undefined && ` — ${s.notes}`}
            </li>
          ))}
        </ul>
        <p className="usa-collection__description">
          {p.phone !== undefined && <a href={`tel:${p.phone}`}>{phoneText(p.phone)}</a>}
          {p.email !== undefined && (
            <>
              {' · '}
              <a href={`mailto:${p.email}`}>{p.email}</a>
            </>
          )}
          {p.website !== undefined && (
            <>
              {' · '}
              <a href={p.website} rel="noreferrer noopener" target="_blank">
                {p.website}
              </a>
            </>
          )}
          {p.accessibility !== undefined && <span className="display-block text-base">{p.accessibility}</span>}
        </p>
      </div>
    </li>
  );
}

/** `/app/directory`: services near a child, for a need, in their language, taking their age and gender. */
export function DirectoryPage() {
  const [form, setForm] = useState<Fields>(EMPTY);
  const [asked, setAsked] = useState<ProviderSearch | null>(null);
  const { data, error } = useLoad((signal) => search(asked, signal), [asked]);
  const set = (field: keyof Fields) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  const fieldError = (field: string) => (data?.kind === 'invalid' ? (data.errors[field] ?? null) : null);

  return (
    <Page heading="Resource directory">
      <p>Services for a child, nearest first. Entries not verified for a year are marked; check them before referring.</p>
      <Form
        large
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setAsked(searchOf(form));
        }}
      >
        <TextField
          id="zip"
          label="ZIP code"
          hint="Where the child is"
          value={form.zip}
          onChange={set('zip')}
          error={fieldError('zip')}
          required
        />
        <SelectField
          id="need"
          label="Need"
          value={form.need}
          onChange={set('need')}
          options={NEED_LABELS}
          empty="Any need"
          error={fieldError('need')}
        />
        <TextField
          id="language"
          label="Language"
          hint="For example, Spanish"
          value={form.language}
          onChange={set('language')}
          error={fieldError('language')}
        />
        <TextField id="age" label="Age" type="number" value={form.age} onChange={set('age')} error={fieldError('age')} />
        <SelectField
          id="gender"
          label="Gender"
          value={form.gender}
          onChange={set('gender')}
          options={GENDER_LABELS}
          empty="Any"
          error={fieldError('gender')}
        />
        <Button type="submit">Search</Button>
      </Form>
      {error !== null && <Notice type="error">{error}</Notice>}
      {asked !== null && data === null && error === null && <p role="status">Searching…</p>}
      {data?.kind === 'found' && (
        <>
          <p role="status">
            {data.items.length === 0 ? 'No provider serves this place with these conditions.' : `${data.items.length} found.`}
          </p>
          <ul className="usa-collection">
            {data.items.map((p) => (
              <ProviderCard key={p.id} p={p} />
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
