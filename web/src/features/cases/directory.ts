import { useEffect, useState } from 'react';
import { casesApi, type StaffEntry } from './api';

let cached: Promise<StaffEntry[]> | null = null;

/** The people in my case teams, fetched once per page load; null until then, empty if it fails. */
export function useStaffDirectory(): StaffEntry[] | null {
  const [people, setPeople] = useState<StaffEntry[] | null>(null);
  useEffect(() => {
    cached ??= casesApi.directory().then(
      (r) => r.items,
      () => {
        cached = null;
        return [];
      },
    );
    let live = true;
    void cached.then((items) => {
      if (live) setPeople(items);
    });
    return () => {
      live = false;
    };
  }, []);
  return people;
}

/** A task owner in words: "You", a colleague's name, or a plain phrase when they are not in my teams. */
export function ownerName(ownerId: string | null, userId: string | null, people: readonly StaffEntry[] | null): string {
  if (ownerId === null) return 'Nobody yet';
  if (ownerId === userId) return 'You';
  if (people === null) return 'A colleague';
  return people.find((p) => p.id === ownerId)?.displayName ?? 'Someone outside your teams';
}
