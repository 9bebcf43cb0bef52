/** Log output (LOG_LEVEL, LOG_FORMAT), registered as the `logging` configuration. */
import { ConfigType, registerAs } from '@nestjs/config';
import { IsIn } from 'class-validator';
import { readEnv } from './env';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

class LoggingEnv {
  @IsIn(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL = 'info';

  /** auto: human-readable when stdout is a terminal, JSON lines otherwise. */
  @IsIn(['auto', 'json', 'pretty'], { message: 'expected auto, json or pretty' })
  LOG_FORMAT = 'auto';
}

export function loadLoggingConfig(env: NodeJS.ProcessEnv = process.env) {
  const vars = readEnv(LoggingEnv, env);
  return {
    level: vars.LOG_LEVEL.toLowerCase() as LogLevelName,
    format: vars.LOG_FORMAT.toLowerCase() as 'auto' | 'json' | 'pretty',
  };
}

export const loggingConfig = registerAs('logging', () => loadLoggingConfig(process.env));
export type LoggingConfig = ConfigType<typeof loggingConfig>;
