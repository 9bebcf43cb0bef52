/**
 * Request handling of the fake external system: routing, authentication, fault injection
 * and the three Via Cron calls. Paths: `/CODE` (one URL, body shape decides the call) and
 * `/CODE/receive`, `/CODE/confirm`, `/CODE/send` (separate URLs); `/_...` is inspection.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAuthorized } from './fake-auth';
import type { FaultSwitch } from './fake-faults';
import type { RequestHistory } from './fake-history';
import { readBody, sendJson, sendText, tryParseJson } from './fake-http';
import { handleInspect } from './fake-inspect';
import { classify, parseAs, type ParsedRequest } from './fake-protocol';
import { isJsonObject, type ModelStore } from './fake-store';
import { envelope, type AuthSpec, type FaultSpec, type JsonObject, type RecordedRequest, type RequestKind } from './fake-types';

/** What the router needs from the server that owns the state. */
export interface FakeContext {
  model(code: string): ModelStore;
  peek(code: string): ModelStore | undefined;
  codes(): string[];
  readonly history: RequestHistory;
  readonly faults: FaultSwitch;
  auth(): AuthSpec;
  readonly maxBodyBytes: number;
  /** setTimeout that stop() cancels, so a pending 'slow' answer can't keep the process alive. */
  later(fn: () => void, ms: number): void;
  /** Drops data and faults (the /_reset route); auth stays, it is launch configuration. */
  resetData(): void;
}

const PATH_KINDS: readonly string[] = ['receive', 'confirm', 'send'];
const DEFAULT_SLOW_MS = 1000;

export class FakeRouter {
  constructor(private readonly ctx: FakeContext) {}

  /** Entry point for node:http; never throws (a bug in the fake answers 500). */
  handle(req: IncomingMessage, res: ServerResponse): void {
    this.route(req, res).catch((err: unknown) => {
      sendJson(res, 500, envelope('failed', `fake external system error: ${String(err)}`));
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake.invalid').pathname;
    let segments: string[];
    try {
      segments = path
        .split('/')
        .filter((s) => s !== '')
        .map((s) => decodeURIComponent(s));
    } catch {
      return sendJson(res, 400, envelope('failed', 'malformed path'));
    }
    if (segments[0]?.startsWith('_')) return handleInspect(this.ctx, req, res, segments);
    await this.protocol(req, res, path, segments);
  }

  private async protocol(req: IncomingMessage, res: ServerResponse, path: string, segments: string[]): Promise<void> {
    const validPath = segments.length === 1 || (segments.length === 2 && PATH_KINDS.includes(segments[1]));
    const code = validPath ? segments[0] : null;
    const entry: RecordedRequest = {
      seq: this.ctx.history.nextSeq(),
      at: new Date(),
      method: req.method ?? 'GET',
      path,
      code,
      kind: segments.length === 2 && validPath ? (segments[1] as RequestKind) : 'unknown',
      body: undefined,
      headers: { ...req.headers },
    };
    const answer = (status: number, body: unknown, delayMs = 0): void => {
      const write = (): void => {
        entry.status = status;
        sendJson(res, status, body);
      };
      if (delayMs > 0) this.ctx.later(write, delayMs);
      else write();
    };

    const read = await readBody(req, this.ctx.maxBodyBytes);
    this.ctx.history.add(entry);
    if (read.tooLarge) {
      entry.body = { bytes: read.bytes };
      return answer(413, envelope('failed', `request body larger than ${this.ctx.maxBodyBytes} bytes`));
    }
    const parsed = tryParseJson(read.text);
    entry.body = parsed.ok ? parsed.value : read.text;
    if (code === null) return answer(404, envelope('failed', `no route for ${path}`));
    if (req.method !== 'POST') return answer(405, envelope('failed', 'the Via Cron calls are all POST'));
    if (parsed.ok && isJsonObject(parsed.value) && entry.kind === 'unknown') {
      entry.kind = classify(parsed.value) ?? 'unknown';
    }
    if (!isAuthorized(this.ctx.auth(), req.headers)) {
      entry.rejected = true;
      return answer(401, envelope('failed', 'unauthorized'));
    }
    if (!parsed.ok) return answer(400, envelope('failed', 'request body is not valid JSON'));
    if (!isJsonObject(parsed.value)) return answer(400, envelope('failed', 'request body must be a JSON object'));
    if (entry.kind === 'unknown') {
      return answer(400, envelope('failed', 'cannot tell the call: body needs "action" (send), "content" (confirm) or "limit" (receive)'));
    }
    const request = parseAs(entry.kind, parsed.value);
    if ('error' in request) return answer(400, envelope('failed', request.error));

    const fault = this.ctx.faults.take(request.kind, code);
    if (fault) {
      entry.fault = fault.type;
      if (fault.type !== 'slow') return this.fail(fault, entry, res, answer);
    }
    const delay = fault?.type === 'slow' ? (fault.delayMs ?? DEFAULT_SLOW_MS) : 0;
    // A 'slow' request is applied at once and only answered late: the case where a client
    // times out although the change landed, and its retry must be caught as a duplicate.
    answer(200, this.execute(this.ctx.model(code), request, req, entry), delay);
  }

  /** Answers an injected fault; nothing is applied. */
  private fail(fault: FaultSpec, entry: RecordedRequest, res: ServerResponse, answer: (s: number, b: unknown) => void): void {
    switch (fault.type) {
      case 'http500':
        return answer(500, envelope('failed', 'simulated server error'));
      case 'http400':
        return answer(400, envelope('failed', 'simulated bad request'));
      case 'status_failed':
        return answer(200, envelope('failed', 'simulated failure'));
      case 'status_error':
        return answer(200, envelope('error', 'simulated error'));
      case 'malformed_json':
        entry.status = 200;
        return sendText(res, 200, '{"status": "success", "content": [', 'application/json; charset=utf-8');
      case 'http502':
        return answer(502, envelope('failed', 'simulated bad gateway'));
      case 'http503':
        if (fault.retryAfter !== '') res.setHeader('Retry-After', fault.retryAfter ?? '1');
        return answer(503, envelope('failed', 'simulated unavailability'));
      case 'http429':
        if (fault.retryAfter !== '') res.setHeader('Retry-After', fault.retryAfter ?? '1');
        return answer(429, envelope('failed', 'simulated rate limit'));
      case 'redirect':
        // A redirect to another host: a client that follows it would send the body (and its credentials) there.
        entry.status = 302;
        res.writeHead(302, { Location: 'http://127.0.0.1:9/elsewhere', 'Content-Length': 0 });
        return void res.end();
      case 'wrong_shape':
        // Valid JSON, not the protocol's envelope: a list where the envelope object is expected.
        return answer(200, [{ status: 'success', content: 'not a list' }]);
      case 'huge':
        entry.status = 200;
        return sendHuge(res, HUGE_BYTES);
      case 'drip':
        entry.status = 200;
        return drip(res, fault.delayMs ?? DEFAULT_SLOW_MS);
      case 'reset':
        // The connection is cut before any answer (as a crashed or restarting server does).
        return void res.socket?.destroy();
      default:
        // 'timeout': accepted and never answered; stop() destroys the socket.
        return;
    }
  }

  private execute(model: ModelStore, request: ParsedRequest, req: IncomingMessage, entry: RecordedRequest): JsonObject {
    if (request.kind === 'receive') {
      return { ...envelope('success', false), content: model.take(request.limit) };
    }
    if (request.kind === 'confirm') {
      model.confirm(request.items);
      return envelope('success', false);
    }
    const key = req.headers['idempotency-key'];
    entry.duplicate = false;
    if (typeof key === 'string' && key !== '') {
      const earlier = model.answerFor(key);
      if (earlier) {
        entry.duplicate = true;
        return earlier;
      }
      const answer = model.applySend(request.send);
      model.rememberAnswer(key, answer);
      return answer;
    }
    return model.applySend(request.send);
  }
}

/** 'huge': a 50 MB JSON answer, streamed in 1 MB chunks. */
const HUGE_BYTES = 50 * 1024 * 1024;

function sendHuge(res: ServerResponse, bytes: number): void {
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': bytes + 2 + 12 });
  res.write('{"status": "');
  let left = bytes;
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= part.length;
      if (!res.write(part)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end('"}');
  };
  pump();
}

/** 'drip': a 200 whose body comes one byte every 100 ms for `ms`, and is then cut off. */
function drip(res: ServerResponse, ms: number): void {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': 1_000_000 });
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write(' ');
  }, 100);
  setTimeout(() => {
    clearInterval(timer);
    res.socket?.destroy();
  }, ms).unref();
  timer.unref();
}
