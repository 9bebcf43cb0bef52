import { Injectable } from '@nestjs/common';

/** In-process wake-up for the dispatcher: a committed real-time change is delivered at once, not at the next poll. */
@Injectable()
export class OutboxSignal {
  private listener?: () => void;

  onWake(listener: () => void): void {
    this.listener = listener;
  }

  wake(): void {
    this.listener?.();
  }
}
