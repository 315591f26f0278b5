import { Button } from '@trussworks/react-uswds';
import { useCallback, useEffect, useState } from 'react';
import { Notice } from '../../components/Notice';
import { casesApi, type CaseFilter, type SavedFilter } from './api';
import { TextField, useSubmit } from './form';
import { styles } from './styles';

/** My saved filters for the case list: apply one, delete one, or save the filter shown now under a name. */
export function SavedFilters({ current, onApply }: { current: CaseFilter; onApply: (f: CaseFilter) => void }) {
  const [items, setItems] = useState<SavedFilter[] | null>(null);
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const submit = useSubmit();
  const load = useCallback(async () => setItems((await casesApi.savedFilters()).items), []);

  useEffect(() => {
    load().catch(() => setItems([]));
  }, [load]);

  const save = () =>
    submit.run(async () => {
      const f = await casesApi.saveFilter(name.trim(), current);
      setSaved(`Filter saved: ${f.name}`);
      setName('');
      await load();
    });
  const remove = (f: SavedFilter) =>
    submit.run(async () => {
      await casesApi.deleteFilter(f.id);
      setSaved(`Filter deleted: ${f.name}`);
      await load();
    });

  return (
    <section aria-labelledby="saved-filters-heading" className="margin-bottom-2" data-testid="saved-filters">
      <h2 id="saved-filters-heading" className="font-heading-md">
        Saved filters
      </h2>
      {saved !== null && <Notice type="success">{saved}</Notice>}
      {submit.message !== null && <Notice type="error">{submit.message}</Notice>}
      {items !== null && items.length === 0 && <p>You have no saved filters.</p>}
      {items !== null && items.length > 0 && (
        <ul className="usa-button-group">
          {items.map((f) => (
            <li key={f.id} className="usa-button-group__item">
              <Button type="button" outline onClick={() => onApply(f.filter)}>
                {f.name}
              </Button>
              <Button type="button" unstyled aria-label={`Delete the saved filter ${f.name}`} onClick={() => void remove(f)}>
                Delete
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        className={styles.filters}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextField
          id="saved-filter-name"
          label="Save this filter as"
          value={name}
          onChange={setName}
          error={submit.errorFor('name')}
        />
        <Button type="submit" outline aria-disabled={submit.busy}>
          Save filter
        </Button>
      </form>
    </section>
  );
}
