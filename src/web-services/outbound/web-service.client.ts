import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { Agent, Dispatcher, request } from 'undici';
import { WebServiceEntity } from '../web-service.entity';
import { httpUrlProblem } from '../web-service.rules';
import { WebServiceSecrets } from '../web-service.secrets';
import { authHeaders, describeNetworkError, interpretAnswer, OutboundResult } from './outbound-result';

export interface OutboundOptions {
  headers?: Record<string, string>;
  /** Sent as `Idempotency-Key`; every retry of one delivery must carry the same key. */
  idempotencyKey?: string;
  /** Overrides the web service's timeoutMs for this call. */
  timeoutMs?: number;
}

/** Answers larger than this are refused rather than buffered. */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The one way Synchro calls an external system: a JSON POST with the web service's
 * credentials, a timeout covering the whole exchange, no redirects followed. It never
 * throws for a failed call; the result says what happened. Uses undici (pooled
 * keep-alive connections). Secrets are decrypted here, per call, and never logged.
 */
@Injectable()
export class WebServiceClient implements OnApplicationShutdown {
  private readonly logger = new Logger('WebServiceClient');

  /**
   * undici's own request API over a keep-alive connection pool: the same HTTP client
   * as the global fetch, without the WHATWG layers that cost most of a send's CPU
   * (bench B3). Redirects are not followed (no maxRedirections).
   */
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 });

  constructor(private readonly secrets: WebServiceSecrets) {}

  /** Close pooled connections on shutdown. */
  async onApplicationShutdown(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }

  async post(webService: WebServiceEntity, url: string, body: unknown, options: OutboundOptions = {}): Promise<OutboundResult> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const prepared = this.prepare(webService, url, options);
    if ('error' in prepared) return { ok: false, latencyMs: 0, errorKind: 'config', error: prepared.error };

    const timeoutMs = options.timeoutMs ?? webService.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let result: OutboundResult;
    try {
      const response = await request(url, {
        method: 'POST',
        headers: prepared.headers,
        body: JSON.stringify(body ?? null),
        dispatcher: this.agent,
        signal: controller.signal,
        // Backstops: the abort above already bounds the whole exchange.
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      if (response.statusCode >= 300 && response.statusCode < 400) {
        await response.body.dump().catch(() => undefined);
        const location = response.headers.location;
        result = { ...interpretAnswer(response.statusCode, '', Array.isArray(location) ? location[0] : location), latencyMs: elapsed() };
      } else {
        const text = await readCapped(response.body, MAX_ANSWER_BYTES);
        result =
          text === null
            ? {
                ok: false,
                httpStatus: response.statusCode,
                errorKind: 'malformed_json',
                error: `the answer is larger than ${MAX_ANSWER_BYTES} bytes`,
                latencyMs: elapsed(),
              }
            : { ...interpretAnswer(response.statusCode, text), latencyMs: elapsed() };
      }
    } catch (error) {
      result = timedOut
        ? { ok: false, errorKind: 'timeout', error: `no complete answer within ${timeoutMs} ms`, latencyMs: elapsed() }
        : { ok: false, errorKind: 'network', error: describeNetworkError(error), latencyMs: elapsed() };
    } finally {
      clearTimeout(timer);
    }
    // Path only: a query string could carry something private; headers never are logged.
    this.logger.debug(`POST ${safeUrl(url)} → ${result.httpStatus ?? result.errorKind} in ${result.latencyMs} ms`);
    return result;
  }

  private prepare(
    webService: WebServiceEntity,
    url: string,
    options: OutboundOptions,
  ): { headers: Record<string, string> } | { error: string } {
    const urlProblem = httpUrlProblem(url);
    if (urlProblem) return { error: `url ${urlProblem}` };
    let auth: Record<string, string>;
    try {
      const { password, apiKey } = this.secrets.open(webService);
      auth = authHeaders({ ...webService, password, apiKey });
    } catch (error) {
      return { error: `web service ${webService.id} credentials: ${(error as Error).message}` };
    }
    // Caller headers first; ours replace any of the same name (case-insensitively).
    const headers: Record<string, string> = {};
    const set = (name: string, value: string) => (headers[name.toLowerCase()] = value);
    for (const [name, value] of Object.entries(options.headers ?? {})) set(name, value);
    set('Content-Type', 'application/json');
    set('Accept', 'application/json');
    if (options.idempotencyKey) set('Idempotency-Key', options.idempotencyKey);
    for (const [name, value] of Object.entries(auth)) set(name, value);
    return { headers };
  }
}

/** The body as text, or null when it exceeds `limit` bytes (the rest is not read). */
async function readCapped(body: Dispatcher.ResponseData['body'], limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
}

function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid url)';
  }
}
