import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from './common/openapi-document';

/**
 * Builds the configured application (shared by main.ts and the e2e tests, so
 * tests exercise exactly what runs in production).
 */
export async function createApp(options: { logger?: LogLevel[] | false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    // Bodies are read by BodyMiddleware (limits, typed errors, lenient /sync parsing).
    bodyParser: false,
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Answers are small and dynamic: hashing each one for an ETag cost ~1% of a /sync call's CPU for nothing.
  app.set('etag', false);
  app.enableShutdownHooks();
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  return app;
}
