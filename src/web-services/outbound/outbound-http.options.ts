/**
 * The one axios configuration for calls to web services (HttpModule.registerAsync in
 * WebServicesModule). Everything that is the same for every call lives here; what
 * differs per call (timeout, headers) is set by WebServiceClient.
 */
import type { AxiosRequestConfig } from 'axios';
import * as http from 'node:http';
import * as https from 'node:https';

/** Sockets kept per external host besides OUTBOX_CONCURRENCY: cron runs and tests call while the dispatcher sends. */
const SPARE_SOCKETS = 8;
/** Request bodies larger than this are refused before sending (a cron send batch is far below). */
export const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

export function outboundHttpOptions(concurrency: number, maxAnswerBytes: number): AxiosRequestConfig {
  const sockets = { keepAlive: true, maxSockets: concurrency + SPARE_SOCKETS, maxFreeSockets: concurrency + SPARE_SOCKETS };
  return {
    adapter: 'http',
    httpAgent: new http.Agent({ ...sockets, scheduling: 'lifo' }),
    httpsAgent: new https.Agent({ ...sockets, scheduling: 'lifo' }),
    // Redirects are failures (classified by interpretAnswer), never followed; 0 also keeps
    // follow-redirects out of the path.
    maxRedirects: 0,
    maxContentLength: maxAnswerBytes,
    maxBodyLength: MAX_REQUEST_BYTES,
    // The body is classified by interpretAnswer (JSON or not, 2xx or not): axios only carries text.
    responseType: 'text',
    responseEncoding: 'utf8',
    transformResponse: [(data: unknown) => data],
    transitional: { forcedJSONParsing: false, silentJSONParsing: true, clarifyTimeoutError: true },
    validateStatus: () => true,
    // As before (undici): no compression asked for, none undone.
    decompress: false,
    // No proxy looked up from the environment: web services are called directly.
    proxy: false,
  };
}

/** Closes the pooled sockets (shutdown). */
export function closeAgents(config: Pick<AxiosRequestConfig, 'httpAgent' | 'httpsAgent'>): void {
  (config.httpAgent as http.Agent | undefined)?.destroy();
  (config.httpsAgent as https.Agent | undefined)?.destroy();
}
