import * as fs from 'node:fs';
import { Backend, ChangeLogJson, DryRunJson, ObjectRef, OperationError, RunJson, UsageError } from './backend';
import { formatTable, Progress } from './progress';

/** Where a command writes, and whether it is a terminal (tests pass their own). */
export interface Output {
  out: NodeJS.WriteStream;
  tty: boolean;
  /** Between two looks at a run, a resync or the change log. */
  pollMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A sync object given by id or by name. */
export async function resolveObject(backend: Backend, ref: string): Promise<ObjectRef> {
  const objects = await backend.objects();
  const byId = /^\d+$/.test(ref) ? objects.find((o) => o.id === Number(ref)) : undefined;
  const found = byId ?? objects.find((o) => o.name === ref);
  if (!found) throw new OperationError(`sync object "${ref}" does not exist (give its id or its name; \`synchro objects\` lists them)`);
  return found;
}

export async function listObjects(backend: Backend, output: Output): Promise<void> {
  const objects = await backend.objects();
  output.out.write(
    formatTable(
      ['id', 'name', 'active'],
      objects.map((o) => [o.id, o.name, o.active ? 'yes' : 'no']),
    ),
  );
}

const seconds = (run: RunJson) =>
  run.finishedAt ? ((new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime()) / 1000).toFixed(1) : '';

/** `synchro run <object>`: runs it now with live progress, then a summary; fails when the run failed. */
export async function runObject(backend: Backend, ref: string, output: Output): Promise<void> {
  await runResolved(backend, await resolveObject(backend, ref), output);
}

async function runResolved(backend: Backend, object: ObjectRef, output: Output): Promise<void> {
  const progress = new Progress(`run "${object.name}"`, ['phase', 'received', 'applied', 'failed', 'sent'], output.out, output.tty);
  const show = (run: RunJson) => {
    const { received, applied, failed, sent } = run.counts;
    progress.update(applied + failed, received, { phase: run.progress?.phase ?? run.status, received, applied, failed, sent });
  };
  let finished = false;
  const running = backend.run(object.id).finally(() => (finished = true));
  running.catch(() => undefined);
  while (!finished) {
    await Promise.race([sleep(output.pollMs), running.catch(() => undefined)]);
    if (finished) break;
    const run = await backend.runningRun(object.id).catch(() => null);
    if (run) show(run);
  }
  let run: RunJson;
  try {
    run = await running;
  } finally {
    progress.stop();
  }
  show(run);
  progress.stop();
  const c = run.counts;
  output.out.write(
    '\n' +
      formatTable(
        ['run', 'object', 'status', 'received', 'applied', 'failed', 'confirmed', 'sent', 'seconds'],
        [[run.id, object.name, run.status, c.received, c.applied, c.failed, c.confirmed, c.sent, seconds(run)]],
      ),
  );
  if (run.error) output.out.write(`error: ${run.error}\n`);
  if (run.status === 'failed') throw new OperationError(`run ${run.id} of "${object.name}" failed`);
}

/**
 * `synchro resync <object>`: queues every matching local record for sending, then follows the
 * deliveries: a cron object's are sent by a run (started here), a real-time object's by the
 * outbox dispatcher (this process's and the running instances'), followed until the queue is empty.
 */
export async function resyncObject(backend: Backend, ref: string, wait: boolean, output: Output): Promise<void> {
  const object = await resolveObject(backend, ref);
  const count = (status: string) => backend.outboxCount(object.id, status);
  const delivered = async () => (await count('done')) + (await count('skipped'));
  const [deliveredBefore, deadBefore] = [await delivered(), await count('dead')];
  const { queued } = await backend.resync(object.id);
  output.out.write(`queued ${queued} record(s) of "${object.name}" for sending\n`);
  if (!wait || queued === 0) return;
  if (object.mode === 'cron') return runResolved(backend, object, output);
  const progress = new Progress(`resync "${object.name}"`, ['queued', 'sent', 'failed', 'pending'], output.out, output.tty);
  let state = { sent: 0, failed: 0, pending: queued };
  try {
    for (;;) {
      const pending = (await count('pending')) + (await count('inflight'));
      state = { sent: (await delivered()) - deliveredBefore, failed: (await count('dead')) - deadBefore, pending };
      progress.update(state.sent + state.failed, queued, { queued, ...state });
      if (pending === 0) break;
      await sleep(output.pollMs);
    }
  } finally {
    progress.stop();
  }
  output.out.write('\n' + formatTable(['object', 'queued', 'sent', 'failed'], [[object.name, queued, state.sent, state.failed]]));
  if (state.failed > 0) throw new OperationError(`${state.failed} of ${queued} record(s) were given up (see \`synchro outbox --dead\`)`);
}

export async function createApiKey(backend: Backend, name: string, key: string | undefined, codes: string[] | undefined, output: Output) {
  const created = await backend.createApiKey({ name, ...(key ? { key } : {}), ...(codes ? { syncModelCodes: codes } : {}) });
  output.out.write(
    formatTable(['id', 'name', 'last4', 'codes'], [[created.id, created.name, created.last4, codesOf(created.syncModelCodes)]]),
  );
  if (!key) output.out.write(`key: ${created.key}\n(shown only now; Synchro keeps a hash)\n`);
}

const codesOf = (codes: string[] | null | undefined) => (codes ? codes.join(',') : '(every code)');
const when = (value: string | Date | null | undefined) => (value ? new Date(value).toISOString() : '');

export async function listApiKeys(backend: Backend, output: Output): Promise<void> {
  const keys = await backend.listApiKeys();
  output.out.write(
    formatTable(
      ['id', 'name', 'last4', 'codes', 'created', 'last used'],
      keys.map((k) => [k.id, k.name, k.last4, codesOf(k.syncModelCodes), when(k.createdAt), when(k.lastUsedAt)]),
    ),
  );
}

export async function revokeApiKey(backend: Backend, id: number, output: Output): Promise<void> {
  await backend.revokeApiKey(id);
  output.out.write(`revoked API key ${id}\n`);
}

export async function exportConfig(backend: Backend, file: string | undefined, output: Output): Promise<void> {
  const text = `${JSON.stringify(await backend.exportConfig(), null, 2)}\n`;
  if (!file) {
    output.out.write(text);
    return;
  }
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    throw new OperationError(`cannot write ${file}: ${(error as Error).message}`);
  }
  process.stderr.write(`configuration exported to ${file}\n`);
}

export async function importConfig(backend: Backend, file: string, output: Output): Promise<void> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new OperationError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new OperationError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const report = await backend.importConfig(document);
  const kinds = ['webServices', 'syncModels', 'syncObjects'];
  output.out.write(
    formatTable(
      ['', ...kinds],
      [
        ['created', ...kinds.map((k) => report.created[k])],
        ['updated', ...kinds.map((k) => report.updated[k])],
      ],
    ),
  );
  for (const warning of report.warnings) output.out.write(`warning: ${warning}\n`);
}

export interface LogOptions {
  object?: string;
  failed?: boolean;
  follow?: boolean;
  limit: number;
}

/** `synchro log`: the newest change-log rows, oldest first; `--follow` then prints new rows as they come, until interrupted. */
export async function showLog(backend: Backend, options: LogOptions, output: Output, stopped: () => boolean): Promise<void> {
  const objects = new Map((await backend.objects()).map((o) => [o.id, o.name]));
  const syncObjectId = options.object ? (await resolveObject(backend, options.object)).id : undefined;
  const filter = { syncObjectId, status: options.failed ? ('failed' as const) : undefined };
  const line = (e: ChangeLogJson) =>
    [
      e.syncedAt,
      `#${e.id}`,
      e.syncObjectId === null ? '-' : (objects.get(e.syncObjectId) ?? e.syncObjectId),
      `${e.direction}/${e.action}`,
      e.status,
      e.title ?? e.name ?? e.externalId ?? '',
      e.errorMessage ? `: ${e.errorMessage}` : '',
    ]
      .join('  ')
      .replace(/\s+$/, '') + '\n';
  const rows = (await backend.changeLog({ ...filter, limit: options.limit })).reverse();
  for (const entry of rows) output.out.write(line(entry));
  let lastId = rows.reduce((max, e) => Math.max(max, e.id), 0);
  while (options.follow && !stopped()) {
    await sleep(output.pollMs);
    if (stopped()) break;
    const fresh = (await backend.changeLog({ ...filter, limit: 500 })).filter((e) => e.id > lastId).reverse();
    for (const entry of fresh) output.out.write(line(entry));
    lastId = fresh.reduce((max, e) => Math.max(max, e.id), lastId);
  }
}

export interface OutboxOptions {
  dead?: boolean;
  object?: string;
  retry?: string;
  limit: number;
}

/** `synchro outbox`: what waits or died; `--retry <id|all>` puts dead rows back in the queue. */
export async function showOutbox(backend: Backend, options: OutboxOptions, output: Output): Promise<void> {
  const object = options.object ? await resolveObject(backend, options.object) : undefined;
  if (options.retry !== undefined) {
    if (options.retry === 'all') {
      const { retried } = await backend.retryAllOutbox(object?.id);
      output.out.write(`put ${retried} dead row(s) back in the queue\n`);
      return;
    }
    if (!/^\d+$/.test(options.retry) || Number(options.retry) < 1)
      throw new UsageError(`--retry takes a row id or "all", not "${options.retry}"`);
    const row = await backend.retryOutbox(Number(options.retry));
    output.out.write(`outbox row ${row.id} put back in the queue (now ${row.status})\n`);
    return;
  }
  const names = new Map((await backend.objects()).map((o) => [o.id, o.name]));
  const page = await backend.outbox({ status: options.dead ? 'dead' : undefined, syncObjectId: object?.id, limit: options.limit });
  output.out.write(
    formatTable(
      ['id', 'object', 'model', 'record', 'kind', 'status', 'attempts', 'created', 'last error'],
      page.items.map((r) => [
        r.id,
        names.get(r.syncObjectId) ?? r.syncObjectId,
        r.model,
        r.recordId,
        r.kind,
        r.status,
        r.attempts,
        when(r.createdAt),
        r.lastError,
      ]),
    ),
  );
  output.out.write(`${page.items.length} of ${page.total} row(s)\n`);
}

/** Items asked for per page of a dry run (the API's largest page). */
const DRY_RUN_PAGE = 500;

/** A value as one short cell. */
const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? '∅' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
};

/**
 * `synchro dry-run <object>`: the plan of the object's next run, writing nothing — progress while
 * its pages come, the counts per action, then one row per item (action, ids, the fields it would
 * change old → new, the reason of a skip or a failure). `--no-receive` plans only the sending.
 */
export async function dryRunObject(
  backend: Backend,
  ref: string,
  options: { receive: boolean; items: boolean },
  output: Output,
): Promise<void> {
  const object = await resolveObject(backend, ref);
  const progress = new Progress(`dry-run "${object.name}"`, ['items'], output.out, output.tty);
  const first = await backend.dryRun(object.id, { receive: options.receive, offset: 0, limit: DRY_RUN_PAGE });
  const items: DryRunJson['items'] = [...first.items];
  progress.update(items.length, first.total, { items: items.length });
  while (options.items && items.length < first.total) {
    // Each page is planned anew; a page that brings nothing (the offer shrank meanwhile) ends it.
    const page = await backend.dryRun(object.id, { receive: options.receive, offset: items.length, limit: DRY_RUN_PAGE });
    if (!page.items.length) break;
    items.push(...page.items);
    progress.update(items.length, first.total, { items: items.length });
  }
  progress.stop();
  const { receive, send } = first;
  output.out.write(`receive: ${receive.performed ? receive.note : receive.note || 'nothing received'}\n`);
  if (receive.error) output.out.write(`receive failed: ${receive.error}\n`);
  if (receive.guard)
    output.out.write(`guard: ${receive.guard.held ? `would hold the run: ${receive.guard.reason}` : 'within its thresholds'}\n`);
  const counts = (direction: string, performed: boolean, byAction: Record<string, number>) =>
    Object.entries(byAction).map(([action, n]) => [direction, action, performed ? n : '-']);
  output.out.write(
    formatTable(
      ['direction', 'action', 'items'],
      [...counts('receive', receive.performed, receive.counts), ...counts('send', send.performed, send.counts)],
    ),
  );
  if (!options.items || !items.length) return;
  output.out.write('\n');
  output.out.write(
    formatTable(
      ['direction', 'action', 'external id', 'record', 'changes / reason'],
      items.map((item) => [
        item.direction,
        item.action,
        item.externalId ?? '',
        item.recordId ?? '',
        item.reason ?? item.changes.map((c) => `${c.field}: ${cell(c.old)} → ${cell(c.new)}`).join('; '),
      ]),
    ),
  );
}
