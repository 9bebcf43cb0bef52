import { RefreshingCache } from '../../../src/common/refreshing-cache';

describe('RefreshingCache', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('loads once, serves the cached value, and refreshes in the background after the TTL', async () => {
    let version = 0;
    let release: () => void = () => undefined;
    const load = jest.fn(() => new Promise<number>((resolve) => (release = () => resolve(++version))));
    const cache = new RefreshingCache(load, 1000);
    const first = cache.get();
    release();
    expect(await first).toBe(1);
    expect(await cache.get()).toBe(1);
    expect(load).toHaveBeenCalledTimes(1);
    jest.setSystemTime(1500);
    // Stale: answered at once with the old value while one refresh runs.
    expect(await cache.get()).toBe(1);
    expect(await cache.get()).toBe(1);
    expect(load).toHaveBeenCalledTimes(2);
    release();
    await Promise.resolve();
    await Promise.resolve();
    expect(await cache.get()).toBe(2);
  });

  it('after invalidate, waits for a fresh load and ignores a load started before', async () => {
    let version = 0;
    const resolvers: ((value: number) => void)[] = [];
    const cache = new RefreshingCache(() => new Promise<number>((resolve) => resolvers.push(resolve)), 1000);
    const early = cache.get();
    cache.invalidate();
    const fresh = cache.get();
    resolvers[0](++version);
    resolvers[1](++version);
    expect(await early).toBe(1);
    expect(await fresh).toBe(2);
    expect(await cache.get()).toBe(2);
  });

  it('runs background refreshes through `detach` (outside the caller transaction)', async () => {
    let detached = 0;
    const detach = <R>(work: () => R): R => {
      detached++;
      return work();
    };
    const cache = new RefreshingCache(async () => 1, 1000, detach);
    await cache.get();
    expect(detached).toBe(0);
    jest.setSystemTime(2000);
    await cache.get();
    expect(detached).toBe(1);
  });
});
