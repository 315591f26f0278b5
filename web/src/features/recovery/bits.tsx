import { Button, Tag } from '@trussworks/react-uswds';
import { useState } from 'react';
import { TextField } from '../../components/fields';
import { stateLabel } from './text';

export function ProgressNoteField({ id, onSubmit }: { id: string; onSubmit: (note: string, done: boolean) => Promise<void> }) {
  const [note, setNote] = useState('');
  return (
    <div className="margin-y-1">
      <TextField id={id} label="Progress note" value={note} onChange={setNote} />
      <Button type="button" unstyled className="margin-right-2" onClick={() => void onSubmit(note, true).then(() => setNote(''))}>
        Mark done
      </Button>
      <Button
        type="button"
        unstyled
        disabled={note.trim() === ''}
        onClick={() => void onSubmit(note, false).then(() => setNote(''))}
      >
        Add the note
      </Button>
    </div>
  );
}

export function StatusTag({ state }: { state: string | undefined }) {
  if (state === undefined) return null;
  const tone =
    state === 'overdue' ? 'bg-secondary-dark' : state === 'done' || state === 'achieved' || state === 'met' ? 'bg-green' : '';
  return <Tag className={tone}>{stateLabel(state)}</Tag>;
}
