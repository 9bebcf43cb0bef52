import { Injectable } from '@nestjs/common';
import { isX2many, ModelDefinition } from '../model-definition';
import { ModelRegistry } from '../model.registry';
import { serializeFieldValue } from '../values/field-value';
import { RecordRepository, Row } from './record.repository';

export type RecordValues = Record<string, unknown> & { id: number };

/** Turns stored rows into API records: every field, x2many as id lists (one query per x2many field per batch). */
@Injectable()
export class RecordReader {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly records: RecordRepository,
  ) {}

  async read(model: ModelDefinition, ids: number[]): Promise<RecordValues[]> {
    const rows = await this.records.findRows(model, ids);
    return this.serialize(
      model,
      ids.map((id) => rows.get(id)).filter((row): row is Row => row !== undefined),
    );
  }

  /**
   * One record. `knownX2many` gives x2many values the caller already knows (a record
   * it just created), sparing their queries.
   */
  async readOne(model: ModelDefinition, id: number, knownX2many?: Record<string, number[]>): Promise<RecordValues | undefined> {
    const rows = await this.records.findRows(model, [id]);
    const row = rows.get(id);
    return row ? (await this.serialize(model, [row], knownX2many))[0] : undefined;
  }

  /**
   * A record's API values composed from values Synchro just wrote (no query): fields
   * absent from `values` are empty; x2many lists are sorted as a read would return them.
   */
  compose(model: ModelDefinition, id: number, values: Record<string, unknown>): RecordValues {
    const record: RecordValues = { id };
    for (const field of Object.values(model.fields)) {
      if (field.name === 'id') continue;
      const value = values[field.name];
      record[field.name] = isX2many(field.type)
        ? [...((value as number[] | undefined) ?? [])].sort((a, b) => a - b)
        : serializeFieldValue(field, value);
    }
    return record;
  }

  async serialize(model: ModelDefinition, rows: Row[], knownX2many?: Record<string, number[]>): Promise<RecordValues[]> {
    const ids = rows.map((row) => row.id);
    const x2many = new Map<string, Map<number, number[]>>();
    for (const field of Object.values(model.fields).filter((f) => isX2many(f.type))) {
      const known = knownX2many?.[field.name];
      if (known && ids.length === 1) {
        x2many.set(field.name, new Map([[ids[0], [...known].sort((a, b) => a - b)]]));
        continue;
      }
      const target = this.registry.get(field.relation!);
      x2many.set(field.name, await this.records.x2manyIds(model, field, ids, target));
    }
    return rows.map((row) => {
      const record: RecordValues = { id: row.id };
      for (const field of Object.values(model.fields)) {
        if (field.name === 'id') continue;
        record[field.name] = isX2many(field.type)
          ? (x2many.get(field.name)?.get(row.id) ?? [])
          : serializeFieldValue(field, row[field.name]);
      }
      return record;
    });
  }
}
