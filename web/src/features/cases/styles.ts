import type { Deadline } from './api';
import styles from './cases.module.css';

export { styles };

/** A clock's frame colour by its state; "met late" is framed as met, its text says late. */
export const CLOCK_STATE_CLASSES: Readonly<Record<Deadline['state'], string | undefined>> = {
  overdue: styles.overdue,
  due: styles.due,
  met: styles.met,
  met_late: styles.met,
};
