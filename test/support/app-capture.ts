/**
 * Every in-process app of the test run is made by `capturedApp` (test/support/capture-setup.ts puts
 * it in place of src/bootstrap's createApp for every test file): it logs every line, at every level,
 * into the capture folder (test/support/secret-capture.ts), still passing on to the caller's
 * destination (or stdout) the lines its `logger` option asked for, and records every answer.
 */
import type { INestApplication, LogLevel } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DestinationStream } from 'pino';
import { CaptureFile, registerSecret } from './secret-capture';

type CreateApp = (options?: { logger?: LogLevel[] | false; logDestination?: DestinationStream }) => Promise<INestApplication>;

/** Nest levels as pino's numbers (the most verbose one listed is what the caller wanted to see). */
const PINO: Record<LogLevel, number> = { verbose: 10, debug: 20, log: 30, warn: 40, error: 50, fatal: 60 };
/** An answer's body is kept up to this size (the secrets a body could carry are near its start). */
const BODY_LIMIT = 256 * 1024;

let logs: CaptureFile | null | undefined;
let answers: CaptureFile | null | undefined;

export async function capturedApp(create: CreateApp, options: Parameters<CreateApp>[0] = {}): Promise<INestApplication> {
  logs ??= CaptureFile.log('app');
  answers ??= CaptureFile.answers();
  const file = logs;
  if (!file || !answers) return create(options);
  const levels = options.logger === undefined ? (['log', 'warn', 'error'] as LogLevel[]) : options.logger;
  const shown = levels ? Math.min(...levels.map((level) => PINO[level])) : Infinity;
  const onward = options.logDestination ?? { write: (chunk: string) => void process.stdout.write(chunk) };
  const destination = {
    write(chunk: string): void {
      file.write(chunk);
      const level = Number(/"level":(\d+)/.exec(chunk.slice(0, 40))?.[1] ?? 30);
      if (level >= shown) onward.write(chunk);
    },
  };
  registerSecret(process.env.ADMIN_TOKEN, process.env.SECRETS_KEY);
  const app = await create({ logger: ['verbose'], logDestination: destination });
  // Secrets generated into the data folder at boot (no ADMIN_TOKEN / SECRETS_KEY given).
  for (const name of ['admin-token', 'secrets-key']) registerSecret(readIfThere(path.join(process.env.DATA_DIR ?? '', name)));
  app.use(recordAnswers(answers));
  return app;
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The one answer that shows a secret by design: a new API key, once. Its key is registered instead. */
const SHOWS_A_KEY = /^POST \/api\/settings\/api-keys\/?$/;

function recordAnswers(file: CaptureFile) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (chunk: unknown, encoding?: unknown): void => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function' || size >= BODY_LIMIT) return;
      const bytes = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk as string | Uint8Array as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      chunks.push(bytes);
      size += bytes.length;
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as Response['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as Response['end'];
    res.once('finish', () => {
      // The path only: a test may put a secret in its own query string (to see that logs cut it).
      const request = `${req.method} ${req.originalUrl.split('?')[0].slice(0, 200)}`;
      let body = Buffer.concat(chunks).toString('utf8').slice(0, BODY_LIMIT);
      if (SHOWS_A_KEY.test(request) && res.statusCode < 300) {
        registerSecret(parsed(body)?.key);
        body = '[a new API key, shown once]';
      }
      body = withoutEchoes(body, req.body);
      file.write(`${JSON.stringify({ request, status: res.statusCode, headers: res.getHeaders(), body })}\n`);
    });
    next();
  };
}

function parsed(text: string): { key?: unknown } | undefined {
  try {
    return JSON.parse(text) as { key?: unknown };
  } catch {
    return undefined;
  }
}

/**
 * An answer that repeats what its own request sent (a record's name holding a test's key) shows the
 * client nothing it did not have: such echoes are cut before the scan, only values of 8+ characters.
 */
function withoutEchoes(body: string, sent: unknown): string {
  const values: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (values.length >= 200 || depth > 5) return;
    if (typeof value === 'string') {
      if (value.length >= 8 && value.length <= 10_000) values.push(value);
    } else if (value && typeof value === 'object') {
      for (const item of Object.values(value as Record<string, unknown>)) visit(item, depth + 1);
    }
  };
  visit(sent, 0);
  for (const value of values.sort((a, b) => b.length - a.length)) {
    for (const form of [value, JSON.stringify(value).slice(1, -1)]) if (body.includes(form)) body = body.split(form).join('[echo]');
  }
  return body;
}
