import { Injectable } from '@nestjs/common';
import { RecordChange, RecordChangeHook } from './record-change';

/** The hooks the write path calls inside each change's transaction (registered by other modules at init). */
@Injectable()
export class RecordChangeHooks {
  private readonly hooks: RecordChangeHook[] = [];

  register(hook: RecordChangeHook): void {
    this.hooks.push(hook);
  }

  async run(change: RecordChange): Promise<void> {
    for (const hook of this.hooks) await hook.afterChange(change);
  }
}
