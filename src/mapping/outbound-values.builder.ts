import { Injectable } from '@nestjs/common';
import { ModelRegistry } from '../odoo/model.registry';
import { RecordRepository } from '../odoo/records/record.repository';
import { ResolvedSyncObject } from '../sync-objects/sync-object.catalog';
import { mapOutbound, ReferenceValues, referencesNeeded } from './outbound-mapper';

/** Builds the seed's send `values` for records of one sync object (reference values in one query per target and field). */
@Injectable()
export class OutboundValuesBuilder {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly records: RecordRepository,
  ) {}

  async build(target: ResolvedSyncObject, records: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
    const references: ReferenceValues = new Map();
    for (const need of referencesNeeded(records, target.object.fields, target.model)) {
      const rows = await this.records.findRows(this.registry.get(need.target), need.ids);
      references.set(
        `${need.target}#${need.referenceField}`,
        new Map([...rows].map(([id, row]) => [id, row[need.referenceField] ?? null])),
      );
    }
    return records.map((record) => mapOutbound(record, target.object.fields, target.model, references));
  }
}
