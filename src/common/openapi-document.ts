/**
 * The OpenAPI description of the whole application, built from the controllers' decorators.
 * Served at /docs/json and written to docs/openapi.json by `npm run openapi` (the console's
 * typed client is generated from that file), so it must depend on nothing but the code.
 */
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Synchro')
      .setDescription(
        'Record synchronization between Odoo-style models and an external REST system. Admin routes (/api) take ' +
          '`Authorization: Bearer <admin token>` and answer errors as ErrorBodyView; the real-time routes (/sync) take the ' +
          "`api_key` header and answer everything, errors included, in the seed's envelope (SyncEnvelopeView).",
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'api_key' }, 'api_key')
      .build(),
  );
}
