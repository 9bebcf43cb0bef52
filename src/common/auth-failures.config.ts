/**
 * Repeated authentication failures per client address (AUTH_FAILURE_*), and which proxies are
 * trusted to say who the client is (TRUST_PROXY); registered as the `auth` configuration.
 */
import { ConfigType, registerAs } from '@nestjs/config';
import { IsOptional, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { isIP } from 'node:net';
import { readEnv, WholeNumber } from '../config/env';

/** Express' named ranges, an address, or a CIDR range. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

@ValidatorConstraint({ name: 'trustProxy' })
class TrustProxyList implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    if (/^\d{1,2}$/.test(value)) return true;
    return value.split(',').every((item) => {
      const [address, prefix, extra] = item.trim().split('/');
      if (extra !== undefined) return false;
      if (PROXY_NAMES.has(address) && prefix === undefined) return true;
      const version = isIP(address);
      return version !== 0 && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128)));
    });
  }

  defaultMessage(): string {
    return 'expected a number of proxy hops, or a comma-separated list of addresses, CIDR ranges, loopback, linklocal, uniquelocal';
  }
}

class AuthEnv {
  /** Failed authentications (bad or missing API key / admin token) an address may make per window; 0 switches the limit off. */
  @WholeNumber(0, 1_000_000)
  AUTH_FAILURE_LIMIT = 20;

  /** The window the failures are counted in (sliding). */
  @WholeNumber(100, 86_400_000)
  AUTH_FAILURE_WINDOW_MS = 60_000;

  /** How long an address that reached the limit is refused (429 with Retry-After); 0: as long as the window. */
  @WholeNumber(0, 86_400_000)
  AUTH_FAILURE_BLOCK_MS = 0;

  /**
   * Unset: the client address is the socket's peer and X-Forwarded-For is ignored (a client cannot
   * choose its own address). Set it behind a reverse proxy: the hops, or the proxies' addresses.
   */
  @IsOptional()
  @Validate(TrustProxyList)
  TRUST_PROXY?: string = undefined;
}

export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env) {
  const vars = readEnv(AuthEnv, env);
  const trust = vars.TRUST_PROXY;
  return {
    failureLimit: vars.AUTH_FAILURE_LIMIT,
    failureWindowMs: vars.AUTH_FAILURE_WINDOW_MS,
    blockMs: vars.AUTH_FAILURE_BLOCK_MS || vars.AUTH_FAILURE_WINDOW_MS,
    /** Express' `trust proxy` setting: false, a hop count, or a list of trusted proxies. */
    trustProxy: trust === undefined ? false : /^\d+$/.test(trust) ? Number(trust) : trust.split(',').map((item) => item.trim()),
  };
}

export const authConfig = registerAs('auth', () => loadAuthConfig(process.env));
export type AuthConfig = ConfigType<typeof authConfig>;
