import { Button, Form, Label, Select, Table, Textarea, TextInput } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { settingsApi, type Hub, type LexiconEntryInput } from './api';
import styles from './leads.module.css';

const REASONS: Record<string, string> = {
  spread: 'Found: in many adverts across many cities or sites',
  listed: 'Listed by a supervisor',
  allowed: 'Never a hub (supervisor)',
};
const keysOf = (hubs: readonly Hub[], reason: string) =>
  hubs
    .filter((h) => h.reason === reason)
    .map((h) => h.key)
    .join('\n');
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** `/app/leads/settings`: the hub list (supervisors edit it) and analysts' lexicon entries. */
export function SettingsPage({ canEditHubs }: { canEditHubs: boolean }) {
  const [listed, setListed] = useState('');
  const [allowed, setAllowed] = useState('');
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const [entry, setEntry] = useState<LexiconEntryInput>({ code: '', kind: 'phrase', match: '', category: '' });
  const {
    data: hubs,
    setData: setHubs,
    error,
  } = useLoad(async (signal) => {
    const { items } = await settingsApi.hubs(signal);
    showKeys(items);
    return items;
  }, []);
  // A failed load is said where notices are, until an action says something newer.
  const shown = notice ?? (error === null ? null : { type: 'error' as const, text: error });

  function showKeys(items: Hub[]): void {
    setListed(keysOf(items, 'listed'));
    setAllowed(keysOf(items, 'allowed'));
  }
  const show = (items: Hub[]) => {
    setHubs(items);
    showKeys(items);
  };

  const saveHubs = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    try {
      show((await settingsApi.saveHubs(lines(listed), lines(allowed))).items);
      setNotice({ type: 'success', text: 'Hub list saved. It applies from the next import.' });
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  };
  const addEntry = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    try {
      const added = await settingsApi.addEntry(entry);
      setNotice({ type: 'success', text: `Indicator ${added.code} added. It flags adverts imported from now on.` });
      setEntry({ code: '', kind: 'phrase', match: '', category: '' });
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  };

  return (
    <Page
      heading="Hubs and indicators"
      above={
        <p>
          <AppLink className="usa-link" href={paths.leads()}>
            Advert leads
          </AppLink>
        </p>
      }
    >
      {shown !== null && <Notice type={shown.type}>{shown.text}</Notice>}
      <h2>Hubs: identifiers that do not link adverts</h2>
      <p>
        A hub appears in many unrelated adverts (a site’s verification line, a booking service). Linking through it would join
        strangers.
      </p>
      {hubs === null ? (
        <p role="status">Loading hubs…</p>
      ) : (
        <Table caption="Hubs and identifiers never treated as hubs" fullWidth stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Identifier</th>
              <th scope="col">Why</th>
              <th scope="col">Adverts</th>
            </tr>
          </thead>
          <tbody>
            {hubs.map((h) => (
              <tr key={h.key}>
                <th scope="row" className={styles.identifier}>
                  {h.key}
                </th>
                <td data-label="Why">{REASONS[h.reason] ?? h.reason}</td>
                <td data-label="Adverts">{h.adverts ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {canEditHubs && (
        <Form onSubmit={(e) => void saveHubs(e)} large>
          <Label htmlFor="hubs-listed">Always hubs, one a line (for example tel:+18005550199)</Label>
          <Textarea id="hubs-listed" name="listed" value={listed} onChange={(e) => setListed(e.target.value)} />
          <Label htmlFor="hubs-allowed">Never hubs, one a line</Label>
          <Textarea id="hubs-allowed" name="allowed" value={allowed} onChange={(e) => setAllowed(e.target.value)} />
          <Button type="submit">Save the hub list</Button>
        </Form>
      )}
      <h2>Add an indicator</h2>
      <p>Your entry is marked as practitioner guidance: it has not been tested against adverts that were not trafficking.</p>
      <Form onSubmit={(e) => void addEntry(e)} large>
        <Label htmlFor="entry-code">Code (lower-case letters, digits and hyphens)</Label>
        <TextInput
          id="entry-code"
          name="code"
          type="text"
          value={entry.code}
          onChange={(e) => setEntry({ ...entry, code: e.target.value })}
        />
        <Label htmlFor="entry-kind">Kind</Label>
        <Select
          id="entry-kind"
          name="kind"
          value={entry.kind}
          onChange={(e) => setEntry({ ...entry, kind: e.target.value as LexiconEntryInput['kind'] })}
        >
          <option value="phrase">Phrase</option>
          <option value="pattern">Pattern (regular expression)</option>
          <option value="emoji">Emoji</option>
        </Select>
        <Label htmlFor="entry-match">Words, pattern or emoji to find</Label>
        <TextInput
          id="entry-match"
          name="match"
          type="text"
          value={entry.match}
          onChange={(e) => setEntry({ ...entry, match: e.target.value })}
        />
        <Label htmlFor="entry-category">Category (for example venue)</Label>
        <TextInput
          id="entry-category"
          name="category"
          type="text"
          value={entry.category}
          onChange={(e) => setEntry({ ...entry, category: e.target.value })}
        />
        <Label htmlFor="entry-note">Why this matters (shown with each flag)</Label>
        <Textarea
          id="entry-note"
          name="note"
          value={entry.note ?? ''}
          onChange={(e) => setEntry({ ...entry, note: e.target.value })}
        />
        <Button type="submit">Add the indicator</Button>
      </Form>
    </Page>
  );
}
