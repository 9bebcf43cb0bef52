/**
 * The inspection API for humans and the demo (no auth, it is a test tool):
 *   GET  /_inspect          summary per model code
 *   GET  /_inspect/CODE     records, pending offers, last 100 requests
 *   POST /_seed/CODE        {"items": [{"action", "values"}]} → offers them
 *   POST /_fault            a FaultSpec → injects it;  DELETE /_fault → clears it
 *   POST /_reset            drops all data and the fault (auth stays)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeAuth } from './fake-auth';
import { readBody, sendJson, tryParseJson } from './fake-http';
import type { FakeContext } from './fake-router';
import { isJsonObject } from './fake-store';
import { envelope, type FaultSpec, type OfferAction } from './fake-types';

/** Seeding 100,000 records in one call is legitimate here, so admin bodies may be larger. */
const MAX_ADMIN_BODY = 200 * 1024 * 1024;
const LAST_REQUESTS = 100;

export async function handleInspect(ctx: FakeContext, req: IncomingMessage, res: ServerResponse, segments: string[]): Promise<void> {
  const [route, code, ...rest] = segments;
  const method = req.method ?? 'GET';
  if (rest.length > 0) return sendJson(res, 404, envelope('failed', 'no such route'));

  if (route === '_inspect' && method === 'GET') {
    return sendJson(res, 200, code === undefined ? summary(ctx) : detail(ctx, code));
  }
  if (route === '_reset' && method === 'POST' && code === undefined) {
    await readBody(req, MAX_ADMIN_BODY);
    ctx.resetData();
    return sendJson(res, 200, envelope('success', false));
  }
  if (route === '_fault' && code === undefined && method === 'DELETE') {
    ctx.faults.clear();
    return sendJson(res, 200, envelope('success', false));
  }
  if ((route === '_seed' && code !== undefined) || (route === '_fault' && code === undefined)) {
    if (method !== 'POST') return sendJson(res, 405, envelope('failed', 'use POST'));
    const read = await readBody(req, MAX_ADMIN_BODY);
    if (read.tooLarge) return sendJson(res, 413, envelope('failed', 'body too large'));
    const parsed = tryParseJson(read.text);
    if (!parsed.ok || !isJsonObject(parsed.value)) return sendJson(res, 400, envelope('failed', 'body must be a JSON object'));
    try {
      if (route === '_fault') {
        // Validated by FaultSwitch.set; a wrong shape throws and becomes a 400.
        ctx.faults.set(parsed.value as unknown as FaultSpec);
        return sendJson(res, 200, { ...envelope('success', false), fault: ctx.faults.active });
      }
      const seeded = seed(ctx, code as string, parsed.value.items);
      return sendJson(res, 200, { ...envelope('success', false), seeded });
    } catch (err) {
      return sendJson(res, 400, envelope('failed', err instanceof Error ? err.message : String(err)));
    }
  }
  return sendJson(res, 404, envelope('failed', 'no such route'));
}

function seed(ctx: FakeContext, code: string, items: unknown): number {
  if (!Array.isArray(items)) throw new Error('items must be a list');
  const model = ctx.model(code);
  // Check every item first so a bad one leaves nothing half-seeded.
  items.forEach((item: unknown, i) => {
    if (!isJsonObject(item)) throw new Error(`items[${i}] must be {"action": ..., "values": {...}}`);
    const problem = model.checkOffer(item.action, item.values);
    if (problem !== null) throw new Error(`items[${i}]: ${problem}`);
  });
  for (const item of items as Array<{ action: OfferAction; values: Record<string, unknown> }>) {
    model.offer(item.action, item.values);
  }
  return items.length;
}

function summary(ctx: FakeContext): unknown {
  const models: Record<string, { records: number; pending: number; received: number }> = {};
  for (const code of ctx.codes()) {
    const model = ctx.peek(code);
    models[code] = {
      records: model?.recordCount ?? 0,
      pending: model?.pendingCount ?? 0,
      received: ctx.history.count(code),
    };
  }
  return { auth: describeAuth(ctx.auth()), fault: ctx.faults.active, models };
}

function detail(ctx: FakeContext, code: string): unknown {
  // Peek, not model(): looking at a code must not create it.
  const model = ctx.peek(code);
  return {
    code,
    records: Object.fromEntries(model?.records() ?? []),
    pending: model?.pending() ?? [],
    received: ctx.history.last(code, LAST_REQUESTS),
  };
}
