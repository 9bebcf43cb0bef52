/**
 * FakeExternalSystem: a standalone HTTP server (node:http only) that plays the external
 * system of the seed's Via Cron protocol, for e2e tests, benchmarks and the demo.
 *
 *   const fake = new FakeExternalSystem();
 *   const { url } = await fake.start();           // port 0: a free port
 *   fake.offer('CON', 'insert', { external_id: 1, name: 'Contact 1' });
 *   // point a web service at `${url}/CON`, run the sync, then:
 *   fake.pending('CON'); fake.records('CON'); fake.sends('CON');
 *   await fake.stop();
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { FaultSwitch } from './fake-faults';
import { RequestHistory } from './fake-history';
import { FakeRouter, type FakeContext } from './fake-router';
import { ModelStore } from './fake-store';
import type {
  AuthSpec,
  FakeExternalOptions,
  FaultSpec,
  JsonObject,
  OfferAction,
  OfferedItem,
  RecordedRequest,
  RequestKind,
} from './fake-types';

export * from './fake-types';

export class FakeExternalSystem {
  private server: Server | null = null;
  private baseUrl: string | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly models = new Map<string, ModelStore>();
  private readonly history: RequestHistory;
  private readonly faults = new FaultSwitch();
  private readonly idField: string;
  private readonly maxBodyBytes: number;
  private auth: AuthSpec;

  constructor(options: FakeExternalOptions = {}) {
    this.idField = options.idField ?? 'external_id';
    this.maxBodyBytes = options.maxBodyBytes ?? 5 * 1024 * 1024;
    this.history = new RequestHistory(options.maxRecorded ?? 100_000);
    this.auth = options.auth ?? { mode: 'none' };
  }

  // ---- lifecycle ----

  /** Listens on `port` (0 = any free port); resolves with the base URL. */
  async start(port = 0, host = '127.0.0.1'): Promise<{ url: string; port: number }> {
    if (this.server) throw new Error('FakeExternalSystem already started');
    const router = new FakeRouter(this.context());
    const server = createServer((req, res) => router.handle(req, res));
    // Tracked so stop() can destroy them: a 'timeout' fault leaves requests open forever.
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('unexpected server address');
    this.server = server;
    const hostPart = host.includes(':') ? `[${host}]` : host;
    this.baseUrl = `http://${hostPart}:${address.port}`;
    return { url: this.baseUrl, port: address.port };
  }

  /** Closes promptly: open sockets (hanging or keep-alive) are destroyed, timers cancelled. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.baseUrl = null;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  /** Base URL, e.g. http://127.0.0.1:40123; throws before start(). */
  get url(): string {
    if (this.baseUrl === null) throw new Error('FakeExternalSystem not started');
    return this.baseUrl;
  }

  /** URL for a model: one URL for all calls, or the separate one of a kind. */
  urlFor(code: string, kind?: RequestKind): string {
    const base = `${this.url}/${encodeURIComponent(code)}`;
    return kind === undefined ? base : `${base}/${kind}`;
  }

  // ---- offered changes (what receive hands out) ----

  /** Offers several changes, in order. */
  seed(code: string, items: ReadonlyArray<{ action: OfferAction; values: JsonObject }>): OfferedItem[] {
    const model = this.model(code);
    items.forEach((item, i) => {
      const problem = model.checkOffer(item.action, item.values);
      if (problem !== null) throw new Error(`items[${i}]: ${problem}`);
    });
    return items.map((item) => model.offer(item.action, item.values));
  }

  /** Offers one change; an insert without an external id gets a fresh numeric one. */
  offer(code: string, action: OfferAction, values: JsonObject): OfferedItem {
    return this.model(code).offer(action, values);
  }

  /** Offered items not yet confirmed as success, in offer order. */
  pending(code: string): OfferedItem[] {
    return this.models.get(code)?.pending() ?? [];
  }

  // ---- record store (what send writes) ----

  /** Copy of the store, keyed by external id as a string. */
  records(code: string): Map<string, JsonObject> {
    return this.models.get(code)?.records() ?? new Map<string, JsonObject>();
  }

  record(code: string, externalId: string | number): JsonObject | undefined {
    return this.models.get(code)?.record(externalId);
  }

  setRecord(code: string, externalId: string | number, values: JsonObject): void {
    this.model(code).setRecord(externalId, values);
  }

  // ---- request history ----

  /** Every protocol request received (all codes when `code` is absent), oldest first. */
  received(code?: string): RecordedRequest[] {
    return this.history.list(code);
  }

  receives(code: string): RecordedRequest[] {
    return this.received(code).filter((r) => r.kind === 'receive');
  }

  confirmations(code: string): RecordedRequest[] {
    return this.received(code).filter((r) => r.kind === 'confirm');
  }

  sends(code: string): RecordedRequest[] {
    return this.received(code).filter((r) => r.kind === 'send');
  }

  /** When each of a code's requests (of one kind, if given) arrived, epoch ms, oldest first: a client's rate as received. */
  receiptTimes(code: string, kind?: RequestKind): number[] {
    return this.received(code)
      .filter((r) => kind === undefined || r.kind === kind)
      .map((r) => r.at.getTime());
  }

  /** Model codes seen so far (used, seeded or requested). */
  codes(): string[] {
    const codes = new Set<string>(this.models.keys());
    for (const r of this.history.list()) if (r.code !== null) codes.add(r.code);
    return [...codes];
  }

  // ---- auth and faults ----

  setAuth(auth: AuthSpec): void {
    this.auth = { ...auth };
  }

  /** Injects a fault; see FaultSpec. Replaces any active one. */
  setFault(fault: FaultSpec): void {
    this.faults.set(fault);
  }

  clearFault(): void {
    this.faults.clear();
  }

  /** The active fault with the uses left, or null. */
  get fault(): FaultSpec | null {
    return this.faults.active;
  }

  // ---- reset ----

  /** Drops data: models, records, offers, history, idempotency keys. Auth and faults stay. */
  clear(): void {
    this.models.clear();
    this.history.clear();
  }

  /** clear() plus no fault and no auth: a fresh server on the same port. */
  reset(): void {
    this.clear();
    this.faults.clear();
    this.auth = { mode: 'none' };
  }

  private model(code: string): ModelStore {
    let model = this.models.get(code);
    if (!model) {
      model = new ModelStore(code, this.idField);
      this.models.set(code, model);
    }
    return model;
  }

  private context(): FakeContext {
    return {
      model: (code) => this.model(code),
      peek: (code) => this.models.get(code),
      codes: () => this.codes(),
      history: this.history,
      faults: this.faults,
      auth: () => this.auth,
      maxBodyBytes: this.maxBodyBytes,
      later: (fn, ms) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          fn();
        }, ms);
        this.timers.add(timer);
      },
      resetData: () => {
        this.clear();
        this.faults.clear();
      },
    };
  }
}
