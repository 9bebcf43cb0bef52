import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';

async function main(): Promise<void> {
  const logger = new Logger('Synchro');
  try {
    const port = loadConfig().port;
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
