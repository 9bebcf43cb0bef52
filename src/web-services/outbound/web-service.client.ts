import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AxiosError } from 'axios';
import { performance } from 'node:perf_hooks';
import { firstValueFrom } from 'rxjs';
import { AppConfig, appConfig } from '../../config/app.config';
import { userAgent } from '../../config/instance-name';
import { packageVersion } from '../../config/package-version';
import { WebServiceEntity } from '../web-service.entity';
import { httpUrlProblem } from '../web-service.rules';
import { WebServiceSecrets } from '../web-service.secrets';
import { closeAgents } from './outbound-http.options';
import { WebServiceCallRecorder } from '../web-service-call.recorder';
import { CallKind } from './call-record';
import { honoursRetryAfter, retryAfterMs } from './throttle';
import { WebServiceThrottle } from './web-service.throttle';
import { authHeaders, describeNetworkError, interpretAnswer, OutboundResult } from './outbound-result';

export interface OutboundOptions {
  headers?: Record<string, string>;
  /** Sent as `Idempotency-Key`; every retry of one delivery must carry the same key. */
  idempotencyKey?: string;
  /** Overrides the web service's timeoutMs for this call. */
  timeoutMs?: number;
  /** What the call is, for the API inspector (GET /api/web-services/:id/calls). */
  kind?: CallKind;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The one way Synchro calls an external system: a JSON POST with the web service's
 * credentials, a timeout covering the whole exchange, no redirects followed. It never
 * throws for a failed call; the result says what happened. Sends through @nestjs/axios'
 * HttpService (configured once: outbound-http.options.ts, keep-alive sockets). Secrets
 * are decrypted here, per call, and never logged.
 */
@Injectable()
export class WebServiceClient implements OnApplicationShutdown {
  private readonly logger = new Logger('WebServiceClient');
  /** Says which instance calls (INSTANCE_NAME): receivers can tell several instances apart. */
  private readonly userAgent: string;

  constructor(
    private readonly secrets: WebServiceSecrets,
    private readonly http: HttpService,
    private readonly calls: WebServiceCallRecorder,
    private readonly throttle: WebServiceThrottle,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    this.userAgent = userAgent(packageVersion(), config.instanceName);
  }

  /** Close pooled connections on shutdown. */
  onApplicationShutdown(): void {
    closeAgents(this.http.axiosRef.defaults);
  }

  /** A JSON POST without a web service's credentials (the alert webhook), same client, limits and rules. */
  postPlain(url: string, body: unknown, timeoutMs: number): Promise<OutboundResult> {
    return this.post(null, url, body, { timeoutMs });
  }

  async post(webService: WebServiceEntity | null, url: string, body: unknown, options: OutboundOptions = {}): Promise<OutboundResult> {
    const prepared = this.prepare(webService, url, options);
    if ('error' in prepared) return { ok: false, latencyMs: 0, errorKind: 'config', error: prepared.error };
    if (!webService) return this.exchange(null, url, body, options, prepared);
    // The web service's rateLimit and maxConcurrency (shared schedule in the database): the call waits its turn.
    try {
      return await this.throttle.run(webService, () => this.exchange(webService, url, body, options, prepared));
    } catch (error) {
      // Only the throttle itself throws (exchange never does): its schedule could not be read.
      return { ok: false, latencyMs: 0, errorKind: 'network', error: `the call schedule could not be read: ${(error as Error).message}` };
    }
  }

  private async exchange(
    webService: WebServiceEntity | null,
    url: string,
    body: unknown,
    options: OutboundOptions,
    prepared: Prepared,
  ): Promise<OutboundResult> {
    const at = new Date();
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const timeoutMs = options.timeoutMs ?? webService?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // One deadline for the whole exchange (connect, send, wait, read), not per socket event.
    const deadline = AbortSignal.timeout(timeoutMs);
    let result: OutboundResult;
    const requestBody = JSON.stringify(body ?? null);
    let responseBody: string | null = null;
    try {
      const response = await firstValueFrom(this.http.post<string>(url, requestBody, { headers: prepared.headers, signal: deadline }));
      responseBody = typeof response.data === 'string' ? response.data : null;
      const location = response.headers.location as string | undefined;
      result = { ...interpretAnswer(response.status, response.data, location), latencyMs: elapsed() };
      const wait = honoursRetryAfter(response.status)
        ? retryAfterMs(response.headers['retry-after'] as string | undefined, Date.now())
        : null;
      if (wait !== null) {
        result.retryAfterMs = wait;
        // Every instance's calls to this web service wait too (when it has a rate limit: its schedule moves).
        if (webService) await this.throttle.pauseUntil(webService, Date.now() + wait).catch(() => undefined);
      }
    } catch (error) {
      if (deadline.aborted) {
        result = { ok: false, errorKind: 'timeout', error: `no complete answer within ${timeoutMs} ms`, latencyMs: elapsed() };
      } else if (tooLarge(error)) {
        const limit = this.http.axiosRef.defaults.maxContentLength;
        result = { ok: false, errorKind: 'malformed_json', error: `the answer is larger than ${limit} bytes`, latencyMs: elapsed() };
      } else {
        result = { ok: false, errorKind: 'network', error: describeNetworkError(error), latencyMs: elapsed() };
      }
    }
    // Path only: a query string could carry something private; headers never are logged.
    this.logger.debug(`POST ${safeUrl(url)} → ${result.httpStatus ?? result.errorKind} in ${result.latencyMs} ms`);
    // The API inspector (web services only, not the alert webhook): kept in memory here, sanitized and
    // written by the recorder's periodic flush.
    if (webService)
      this.calls.record({
        webServiceId: webService.id,
        kind: options.kind ?? 'send',
        at,
        url,
        status: result.httpStatus ?? null,
        outcome: result.ok ? 'ok' : (result.errorKind ?? 'failed'),
        error: result.error ?? null,
        durationMs: result.latencyMs,
        headers: prepared.headers,
        authHeaderNames: prepared.authHeaderNames,
        secrets: () => [...prepared.secrets, this.signingSecret(webService)],
        requestBody,
        responseBody,
      });
    return result;
  }

  private signingSecret(webService: WebServiceEntity): string | null {
    try {
      return this.secrets.openSigningSecret(webService);
    } catch {
      return null;
    }
  }

  private prepare(webService: WebServiceEntity | null, url: string, options: OutboundOptions): Prepared | { error: string } {
    const urlProblem = httpUrlProblem(url);
    if (urlProblem) return { error: `url ${urlProblem}` };
    let auth: Record<string, string> = {};
    let secrets: (string | null)[] = [];
    if (webService) {
      try {
        const { password, apiKey } = this.secrets.open(webService);
        auth = authHeaders({ ...webService, password, apiKey });
        const basic = auth.Authorization?.replace(/^Basic /, '');
        secrets = [password, apiKey, basic ?? null, ...Object.values(auth)];
      } catch (error) {
        return { error: `web service ${webService.id} credentials: ${(error as Error).message}` };
      }
    }
    // Caller headers first; ours replace any of the same name (case-insensitively).
    const headers: Record<string, string> = {};
    const set = (name: string, value: string) => (headers[name.toLowerCase()] = value);
    for (const [name, value] of Object.entries(options.headers ?? {})) set(name, value);
    set('Content-Type', 'application/json');
    set('Accept', 'application/json');
    // As before: no compressed answers (axios would otherwise ask for gzip, deflate, br).
    set('Accept-Encoding', 'identity');
    set('User-Agent', this.userAgent);
    if (options.idempotencyKey) set('Idempotency-Key', options.idempotencyKey);
    for (const [name, value] of Object.entries(auth)) set(name, value);
    return { headers, authHeaderNames: Object.keys(auth), secrets };
  }
}

interface Prepared {
  headers: Record<string, string>;
  authHeaderNames: string[];
  secrets: (string | null)[];
}

/** axios' maxContentLength refusal (the rest of the answer is not read). */
function tooLarge(error: unknown): boolean {
  return error instanceof AxiosError && error.code === AxiosError.ERR_BAD_RESPONSE && /maxContentLength/.test(error.message);
}

function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid url)';
  }
}
