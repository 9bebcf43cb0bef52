import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'synchro:public';

/**
 * Routes that the admin token does not guard: /health, and the /sync routes,
 * which the realtime module guards with its own API keys.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
