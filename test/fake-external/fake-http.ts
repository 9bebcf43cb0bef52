/** Small node:http helpers: bounded body reading and JSON/text answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type BodyResult = { tooLarge: false; text: string } | { tooLarge: true; bytes: number };

/**
 * Reads the whole body, keeping at most `maxBytes`. Past the limit it keeps draining
 * (discarding) instead of resetting the socket, so the client gets a readable 413
 * instead of a connection error.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      if (bytes > maxBytes) resolve({ tooLarge: true, bytes });
      else resolve({ tooLarge: false, text: Buffer.concat(chunks).toString('utf8') });
    });
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, JSON.stringify(body), 'application/json; charset=utf-8');
}

export function sendText(res: ServerResponse, status: number, text: string, contentType: string): void {
  // The socket may already be gone (client gave up, or stop() destroyed it).
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Parses JSON, returning undefined instead of throwing (empty text is not JSON either). */
export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
