import { describe, expect, it } from 'vitest';
import { timeline, timelinesBy } from './index.ts';

const seen = (advertId: string, city: string | null, state: string | null, day: string) => ({
  advertId,
  city,
  state,
  postedAt: `2024-05-${day}T12:00:00Z`,
});

describe('movement', () => {
  it('orders sightings in time and folds consecutive ones in the same place into one stop', () => {
    const stops = timeline([
      seen('d', 'Dallas', 'TX', '09'),
      seen('a', 'Tulsa', 'OK', '01'),
      seen('c', 'dallas ', 'tx', '05'),
      seen('b', 'Tulsa', 'OK', '03'),
      seen('e', 'Tulsa', 'OK', '12'),
    ]);
    expect(stops).toEqual([
      { city: 'Tulsa', state: 'OK', firstSeen: '2024-05-01T12:00:00Z', lastSeen: '2024-05-03T12:00:00Z', adverts: ['a', 'b'] },
      { city: 'dallas ', state: 'tx', firstSeen: '2024-05-05T12:00:00Z', lastSeen: '2024-05-09T12:00:00Z', adverts: ['c', 'd'] },
      { city: 'Tulsa', state: 'OK', firstSeen: '2024-05-12T12:00:00Z', lastSeen: '2024-05-12T12:00:00Z', adverts: ['e'] },
    ]);
  });

  it('leaves out sightings with no date or no place, and breaks ties by advert id', () => {
    const stops = timeline([
      seen('z', 'Reno', 'NV', '02'),
      seen('y', 'Elko', 'NV', '02'),
      { advertId: 'x', city: 'Reno', state: 'NV', postedAt: 'yesterday' },
      seen('w', null, null, '01'),
    ]);
    expect(stops.map((s) => [s.city, s.adverts])).toEqual([
      ['Elko', ['y']],
      ['Reno', ['z']],
    ]);
    expect(timeline([])).toEqual([]);
  });

  it('builds one timeline per identifier or network', () => {
    const ads = [
      { ...seen('1', 'Tulsa', 'OK', '01'), keys: ['tel:a', 'tel:b'] },
      { ...seen('2', 'Wichita', 'KS', '02'), keys: ['tel:a'] },
      { ...seen('3', 'Wichita', 'KS', '03'), keys: ['tel:b', 'tel:b'] },
    ];
    const byKey = timelinesBy(ads, (a) => a.keys);
    expect(byKey.get('tel:a')!.map((s) => s.city)).toEqual(['Tulsa', 'Wichita']);
    expect(byKey.get('tel:b')!.map((s) => s.adverts)).toEqual([['1'], ['3']]);
  });
});
