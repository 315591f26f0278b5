/** One advert seen at a place and time. */
export interface Sighting {
  advertId: string;
  city: string | null;
  state: string | null;
  postedAt: string;
}

/** A stay: consecutive sightings in one place. Going back to a city later starts a new stop. */
export interface Stop {
  city: string | null;
  state: string | null;
  firstSeen: string;
  lastSeen: string;
  adverts: string[];
}

const place = (s: { city: string | null; state: string | null }) =>
  `${(s.state ?? '').toUpperCase()}|${(s.city ?? '').trim().toLowerCase()}`;

const chronological = (a: Sighting, b: Sighting) => {
  const ta = Date.parse(a.postedAt);
  const tb = Date.parse(b.postedAt);
  return ta - tb || (a.advertId < b.advertId ? -1 : a.advertId > b.advertId ? 1 : 0);
};

/** Ordered stops of one identifier or network; sightings without a valid date or any place are left out. */
export function timeline(sightings: readonly Sighting[]): Stop[] {
  const usable = sightings.filter((s) => !Number.isNaN(Date.parse(s.postedAt)) && (s.city || s.state));
  const stops: Stop[] = [];
  let last = '';
  for (const s of [...usable].sort(chronological)) {
    const here = place(s);
    const stop = stops.at(-1);
    if (stop && here === last) {
      stop.lastSeen = s.postedAt;
      stop.adverts.push(s.advertId);
    } else {
      stops.push({ city: s.city, state: s.state, firstSeen: s.postedAt, lastSeen: s.postedAt, adverts: [s.advertId] });
      last = here;
    }
  }
  return stops;
}

/** Timelines for every group (each identifier, or each network) an advert belongs to. */
export function timelinesBy<T extends Sighting>(
  sightings: readonly T[],
  groupsOf: (s: T) => readonly string[],
): Map<string, Stop[]> {
  const grouped = new Map<string, T[]>();
  for (const s of sightings) {
    for (const g of new Set(groupsOf(s))) {
      const list = grouped.get(g);
      if (list) list.push(s);
      else grouped.set(g, [s]);
    }
  }
  return new Map([...grouped].map(([g, list]) => [g, timeline(list)]));
}
