import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';

async function main(): Promise<void> {
  const logger = new Logger('Synchro');
  let port: number;
  try {
    port = loadConfig().port;
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp();
  await app.listen(port);
  logger.log(`Synchro listening on http://localhost:${port} (API docs at /docs)`);
}

void main();
