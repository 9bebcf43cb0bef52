import { TtlCache } from '../../../src/api-keys/key-cache';

describe('TtlCache', () => {
  let now = 0;
  const cache = (): TtlCache<string, { id: number }> => new TtlCache(5000, 3, () => now);
  beforeEach(() => (now = 1_000_000));

  it('forgets entries after the TTL (how long another instance’s revocation can go unseen)', () => {
    const c = cache();
    c.set('h', { id: 1 });
    now += 4999;
    expect(c.get('h')).toEqual({ id: 1 });
    now += 1;
    expect(c.get('h')).toBeUndefined();
  });

  it('is bounded: the oldest entry goes first', () => {
    const c = cache();
    ['a', 'b', 'c', 'd'].forEach((k, i) => c.set(k, { id: i }));
    expect(c.size).toBe(3);
    expect(c.get('a')).toBeUndefined();
    expect(c.get('d')).toEqual({ id: 3 });
  });

  it('drops every entry of a revoked key at once', () => {
    const c = cache();
    c.set('a', { id: 1 });
    c.set('b', { id: 2 });
    c.deleteWhere((v) => v.id === 1);
    expect(c.get('a')).toBeUndefined();
    expect(c.get('b')).toEqual({ id: 2 });
  });
});
