/**
 * A value loaded once and refreshed in the background when older than `ttlMs`
 * (stale-while-revalidate): hot paths never wait for a refresh, and a refresh never
 * runs inside a caller's transaction (`detach`), so it cannot hold on to — or wait
 * for — a pooled connection the caller owns. Only the first load (or the first
 * after `invalidate`) is awaited.
 */
export class RefreshingCache<T> {
  private current?: { value: T; loadedAt: number };
  private loading?: Promise<T>;
  /** Bumped by invalidate(), so a load that started before it never caches an old value. */
  private generation = 0;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs: number,
    private readonly detach: <R>(work: () => R) => R = (work) => work(),
  ) {}

  get(): Promise<T> {
    const current = this.current;
    if (current) {
      if (Date.now() - current.loadedAt >= this.ttlMs && !this.loading) this.refresh(true).catch(() => undefined);
      return Promise.resolve(current.value);
    }
    return this.loading ?? this.refresh(false);
  }

  /** Forget the value (after a change made by this process): the next get() loads it afresh. */
  invalidate(): void {
    this.generation++;
    this.current = undefined;
    this.loading = undefined;
  }

  private refresh(background: boolean): Promise<T> {
    const generation = this.generation;
    const started = background ? this.detach(() => this.load()) : this.load();
    const loading: Promise<T> = started
      .then((value) => {
        if (generation === this.generation) this.current = { value, loadedAt: Date.now() };
        return value;
      })
      .finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
    this.loading = loading;
    return loading;
  }
}
