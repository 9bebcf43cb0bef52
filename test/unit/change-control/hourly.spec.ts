import { hourlyBuckets, hourStart, windowStart } from '../../../src/change-control/hourly';

const NOW = new Date('2026-03-10T12:34:56.789Z');

describe('hourly change-log buckets', () => {
  it.each([
    ['2026-03-10T12:34:56.789Z', '2026-03-10T12:00:00.000Z'],
    ['2026-03-10T00:00:00.000Z', '2026-03-10T00:00:00.000Z'],
    ['2026-03-09T23:59:59.999Z', '2026-03-09T23:00:00.000Z'],
  ])('hourStart(%s) = %s', (at, expected) => expect(hourStart(new Date(at)).toISOString()).toBe(expected));

  it('a 24 h window starts 23 hours before the current hour', () => {
    expect(windowStart(NOW, 24).toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it.each([
    ['current hour success', { hour: '2026-03-10 12', status: 'success', n: 3 }, 2, { success: 3, failed: 0 }],
    ['first hour failure, count as string (MySQL)', { hour: '2026-03-10 11', status: 'failed', n: '4' }, 1, { success: 0, failed: 4 }],
  ])('%s', (_name, count, index, expected) => {
    const buckets = hourlyBuckets(NOW, 3, [count]);
    expect(buckets.map((bucket) => bucket.hour)).toEqual([
      '2026-03-10T10:00:00.000Z',
      '2026-03-10T11:00:00.000Z',
      '2026-03-10T12:00:00.000Z',
    ]);
    expect(buckets[index]).toMatchObject(expected);
  });

  it.each([
    ['before the window', { hour: '2026-03-10 09', status: 'success', n: 1 }],
    ['after the window', { hour: '2026-03-10 13', status: 'success', n: 1 }],
    ['an unknown status', { hour: '2026-03-10 12', status: 'other', n: 1 }],
  ])('ignores a count %s', (_name, count) => {
    expect(hourlyBuckets(NOW, 3, [count]).every((bucket) => bucket.success === 0 && bucket.failed === 0)).toBe(true);
  });
});
