import { Injectable } from '@nestjs/common';

/**
 * Delivery health of a web service, reported by the outbox module (which depends
 * on this one, so it registers itself here instead of being imported).
 */
@Injectable()
export class WebServiceHealthProbe {
  private probe?: (webServiceId: number) => Promise<unknown>;

  register(probe: (webServiceId: number) => Promise<unknown>): void {
    this.probe = probe;
  }

  async of(webServiceId: number): Promise<unknown> {
    return this.probe?.(webServiceId);
  }
}
