import { ConfigError } from '../../../src/config/env';
import { loadLoggingConfig } from '../../../src/config/logging.config';
import { loadHealthConfig } from '../../../src/health/health.config';
import { loadMetricsConfig } from '../../../src/metrics/metrics.config';

describe('operations variables (METRICS, METRICS_PUBLIC, LOG_LEVEL, LOG_FORMAT, SHUTDOWN_GRACE_MS)', () => {
  it.each([
    [{}, { enabled: true, public: false }],
    [{ METRICS: 'OFF' }, { enabled: false, public: false }],
    [{ METRICS_PUBLIC: ' true ' }, { enabled: true, public: true }],
    [{ METRICS_PUBLIC: 'false' }, { enabled: true, public: false }],
  ])('metrics %j → %j', (env, expected) => {
    expect(loadMetricsConfig(env)).toEqual(expected);
  });

  it.each([
    [{ METRICS_PUBLIC: 'yes' }, 'Invalid METRICS_PUBLIC: expected true or false'],
    [{ METRICS: 'maybe' }, 'Invalid METRICS: "maybe" is neither on nor off'],
  ])('metrics %j is refused: %s', (env, message) => {
    expect(() => loadMetricsConfig(env)).toThrow(ConfigError);
    expect(() => loadMetricsConfig(env)).toThrow(message);
  });

  it.each([
    [{}, { level: 'info', format: 'auto' }],
    [
      { LOG_LEVEL: 'debug', LOG_FORMAT: 'json' },
      { level: 'debug', format: 'json' },
    ],
    [
      { LOG_LEVEL: 'silent', LOG_FORMAT: 'pretty' },
      { level: 'silent', format: 'pretty' },
    ],
  ])('logging %j → %j', (env, expected) => {
    expect(loadLoggingConfig(env)).toEqual(expected);
  });

  it.each([
    [{ LOG_LEVEL: 'verbose' }, 'Invalid LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent'],
    [{ LOG_FORMAT: 'xml' }, 'Invalid LOG_FORMAT: expected auto, json or pretty'],
    [{ SHUTDOWN_GRACE_MS: '5s' }, 'Invalid SHUTDOWN_GRACE_MS: "5s" is not a whole number'],
  ])('%j is refused: %s', (env, message) => {
    expect(() => {
      loadLoggingConfig(env);
      loadHealthConfig(env);
    }).toThrow(message);
  });

  it('SHUTDOWN_GRACE_MS defaults to 0', () => {
    expect(loadHealthConfig({})).toEqual({ shutdownGraceMs: 0 });
    expect(loadHealthConfig({ SHUTDOWN_GRACE_MS: '10000' })).toEqual({ shutdownGraceMs: 10000 });
  });
});
