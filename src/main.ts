import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { CONFIGURATIONS } from './app.module';
import { ConfigError } from './config/env';
import { loadAppConfig } from './config/app.config';

async function main(): Promise<void> {
  const logger = new Logger('Synchro');
  try {
    // Every variable is checked before Nest starts, so a bad one ends with one line naming it.
    for (const load of CONFIGURATIONS) load();
    const port = loadAppConfig().port;
    const app = await createApp();
    await app.listen(port);
    logger.log(`Synchro listening on http://localhost:${port} (API docs at /docs)`);
  } catch (error) {
    // A bad variable (read here or by a module at start-up) ends with one clear line, no stack.
    if (error instanceof ConfigError) {
      logger.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

void main();
