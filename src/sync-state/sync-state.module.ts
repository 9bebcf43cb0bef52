/**
 * sync-state: what Synchro knows about each record's synchronization, shared by the
 * inbound path (engine) and the outbound path (outbox) from below both: the outbox
 * rows (unsent and delivered local changes) and the record state (external id,
 * existence, the values last synchronized: the base of the bidirectional merge).
 * The tables were created by outbox/migrations/1764300600000-outbox.ts.
 */
import { Module } from '@nestjs/common';
import { OutboxRepository } from './outbox.repository';
import { RecordStateRepository } from './record-state.repository';

@Module({
  providers: [OutboxRepository, RecordStateRepository],
  exports: [OutboxRepository, RecordStateRepository],
})
export class SyncStateModule {}
