import { INestApplication, LogLevel } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import { AppModule } from './app.module';
import { AuthConfig, authConfig } from './common/auth-failures.config';
import { setLogOverrides } from './common/logging';
import { buildOpenApiDocument } from './common/openapi-document';
import { AppConfig, appConfig } from './config/app.config';
import { HttpMetrics } from './metrics/http-metrics.middleware';
import { markSyncEnvelope } from './realtime/sync-envelope.marker';

/**
 * Builds the configured application (shared by main.ts and the e2e tests, so
 * tests exercise exactly what runs in production).
 */
export async function createApp(
  options: { logger?: LogLevel[] | false; logDestination?: DestinationStream } = {},
): Promise<INestApplication> {
  // `logger` (tests, bench) overrides LOG_LEVEL with the most verbose level it lists; `logDestination` captures the lines.
  setLogOverrides({ level: options.logger === undefined ? undefined : pinoLevel(options.logger), destination: options.logDestination });
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    // Bodies are read by BodyMiddleware (limits, typed errors, lenient /sync parsing).
    bodyParser: false,
    // Start-up lines wait for the pino logger (nestjs-pino), which every Nest Logger then writes through.
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // Slow clients hold a socket and a parser each: bound the headers and the whole request (Node allows 300 s).
  const { requestTimeoutMs, headersTimeoutMs } = app.get<AppConfig>(appConfig.KEY);
  const server = app.getHttpServer() as Server;
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = Math.min(headersTimeoutMs, requestTimeoutMs);
  // Read when the server starts listening (Node's own default checks only every 30 s).
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(1_000, server.headersTimeout);
  app.disable('x-powered-by');
  // The client address (auth failure limit, audit) honours X-Forwarded-For only from the proxies TRUST_PROXY names.
  app.set('trust proxy', app.get<AuthConfig>(authConfig.KEY).trustProxy);
  app.use(app.get(HttpMetrics).middleware);
  app.use((req: Request, _res: Response, next: NextFunction) => {
    markSyncEnvelope(req);
    next();
  });
  app.set('query parser', 'simple');
  // Answers are small and dynamic: hashing each one for an ETag cost ~1% of a /sync call's CPU for nothing.
  app.set('etag', false);
  app.enableShutdownHooks();
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  return app;
}

/** Nest's level list as pino's one level (the most verbose listed). */
function pinoLevel(levels: LogLevel[] | false): 'silent' | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' {
  if (!levels || !levels.length) return 'silent';
  const order: [LogLevel, 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'][] = [
    ['verbose', 'trace'],
    ['debug', 'debug'],
    ['log', 'info'],
    ['warn', 'warn'],
    ['error', 'error'],
    ['fatal', 'fatal'],
  ];
  return order.find(([nest]) => levels.includes(nest))?.[1] ?? 'info';
}
