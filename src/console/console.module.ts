/**
 * The admin console (console/, built by `npm run build:console` into console/dist), served by
 * @nestjs/serve-static at /admin on Synchro's own port: the built files, and index.html for every other
 * path under /admin (client routes), every answer under the strict Content-Security-Policy and security
 * headers of ConsoleHeadersMiddleware. Missing files under /admin/assets are 404s, not the page.
 * Without a build there is no page (404), still with the headers.
 */
import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheControlFor, ConsoleHeadersMiddleware } from './console.headers';

export const CONSOLE_ROOT = '/admin';

/** console/dist from src/console (TypeScript under Jest) or dist/src/console (the build); undefined when not built. */
export function consoleDist(): string | undefined {
  return [resolve(__dirname, '../../console/dist'), resolve(__dirname, '../../../console/dist')].find((dir) =>
    existsSync(join(dir, 'index.html')),
  );
}

@Module({})
export class ConsoleModule implements NestModule {
  static register(rootPath: string | undefined = consoleDist()): DynamicModule {
    if (!rootPath) return { module: ConsoleModule };
    return {
      module: ConsoleModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath,
          serveRoot: CONSOLE_ROOT,
          // A hashed bundle that does not exist is a 404 (a script answered with the page would only confuse).
          exclude: [`${CONSOLE_ROOT}/assets/{*path}`],
          serveStaticOptions: {
            index: 'index.html',
            dotfiles: 'ignore',
            setHeaders: (res: { setHeader(name: string, value: string): void }, path: string) =>
              res.setHeader('Cache-Control', cacheControlFor(path)),
          },
        }),
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ConsoleHeadersMiddleware).forRoutes(CONSOLE_ROOT, `${CONSOLE_ROOT}/{*path}`);
  }
}
