import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, InsertEvent, RemoveEvent, UpdateEvent } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { ModelDefinition } from '../odoo/model-definition';
import { ModelRegistry } from '../odoo/model.registry';
import { RecordChange } from '../odoo/records/record-change';
import { RecordReader } from '../odoo/records/record.reader';
import { OutboxCapture } from './outbox-capture.service';

/**
 * Catches `save`/`remove` of synced records by code that bypasses Synchro's write
 * path (which captures changes itself, inside its UnitOfWork transaction). TypeORM
 * runs these hooks inside the save's transaction, so the outbox row commits with
 * the change. QueryBuilder and repository.update/delete/upsert are NOT seen here:
 * code changing synced records must use `save`/`remove` or the RecordWriter.
 */
@Injectable()
export class OutboxSubscriber implements EntitySubscriberInterface, OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: ModelRegistry,
    private readonly reader: RecordReader,
    private readonly capture: OutboxCapture,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  async afterInsert(event: InsertEvent<Record<string, unknown>>): Promise<void> {
    const model = this.modelOf(event.metadata.target);
    const id = Number(event.entity?.id);
    if (!model || !id) return;
    await this.emit(event, {
      model: model.name,
      id,
      action: 'create',
      changedFields: Object.keys(event.entity ?? {}),
      origin: { source: 'local' },
    });
  }

  async afterUpdate(event: UpdateEvent<Record<string, unknown>>): Promise<void> {
    const model = this.modelOf(event.metadata.target);
    const id = Number(event.entity?.id ?? event.databaseEntity?.id);
    if (!model || !id) return;
    const changedFields = event.updatedColumns.map((column) => column.propertyName);
    await this.emit(event, { model: model.name, id, action: 'write', changedFields, origin: { source: 'local' } });
  }

  async beforeRemove(event: RemoveEvent<Record<string, unknown>>): Promise<void> {
    const model = this.modelOf(event.metadata.target);
    const id = Number(event.entityId ?? event.databaseEntity?.id ?? event.entity?.id);
    if (!model || !id) return;
    // Inside Synchro's own write path the RecordWriter already captured this change.
    if (this.unitOfWork.activeManager) return;
    await this.unitOfWork.join(event.manager, async () => {
      const before = await this.reader.readOne(model, id);
      if (before)
        await this.capture.capture({ model: model.name, id, action: 'unlink', before, changedFields: [], origin: { source: 'local' } });
    });
  }

  /** The save's transaction becomes the ambient one, so the outbox row commits with the change. */
  private async emit(event: { manager: EntityManager }, change: RecordChange): Promise<void> {
    // Inside Synchro's own write path the RecordWriter already captured this change.
    if (this.unitOfWork.activeManager) return;
    await this.unitOfWork.join(event.manager, () => this.capture.capture(change));
  }

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's entity target type
  private modelOf(target: string | Function): ModelDefinition | undefined {
    return this.registry.list().find((model) => model.entity === target);
  }
}
