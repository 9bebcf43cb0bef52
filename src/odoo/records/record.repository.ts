import { Injectable } from '@nestjs/common';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { insertRows, selectIdsWhere, selectIdsWhereEach } from '../../database/plain-sql';
import { UnitOfWork } from '../../database/unit-of-work';
import { FieldDefinition, isStored, ModelDefinition } from '../model-definition';
import { StoredValue } from '../values/field-value';
import { BoundedReads } from './bounded-reads';

export type Row = Record<string, unknown> & { id: number };
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}
/** Records of `model` whose `field` is one of `values` (lookups by external id or reference field). */
export interface RecordLookup {
  model: ModelDefinition;
  field: string;
  values: unknown[];
}

export interface OrderTerm {
  field: string;
  direction: 'ASC' | 'DESC';
}

/**
 * Generic persistence for any registered Odoo-style model: stored columns through
 * the model's entity, x2many fields through the inverse column or join table.
 * Every method runs in the ambient transaction (UnitOfWork), if one is running.
 */
/** Rows per multi-row INSERT: well under MySQL's 65,535 placeholders for any model here. */
const INSERT_CHUNK = 500;

@Injectable()
export class RecordRepository {
  /** Reads inside a running transaction use its connection (never a second pooled one). */
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly reads: BoundedReads,
  ) {}

  /** Inserts one row and returns its id (no reload of defaults: the write path knows every value). */
  async insert(model: ModelDefinition, values: Record<string, StoredValue>): Promise<number> {
    return (await insertRows(this.unitOfWork.manager(), model.entity, [values]))!;
  }

  /** Multi-row insert in chunks (bulk inbound); ids are looked up by the caller through a unique field. */
  async insertMany(model: ModelDefinition, rows: Record<string, StoredValue>[]): Promise<void> {
    for (let start = 0; start < rows.length; start += INSERT_CHUNK)
      await insertRows(this.unitOfWork.manager(), model.entity, rows.slice(start, start + INSERT_CHUNK));
  }

  async update(model: ModelDefinition, id: number, values: Record<string, StoredValue>): Promise<void> {
    if (Object.keys(values).length) await this.unitOfWork.manager().update(model.entity, { id }, values as ObjectLiteral);
  }

  /** One field set to a different value per record, and write_date, in one UPDATE (CASE on id). */
  async updateMany(
    model: ModelDefinition,
    field: string,
    values: { recordId: number; value: StoredValue }[],
    writeDate: Date,
  ): Promise<void> {
    if (!values.length) return;
    const params: Record<string, unknown> = {};
    const cases = values.map(({ recordId, value }, i) => {
      params[`caseId${i}`] = recordId;
      params[`caseValue${i}`] = value;
      return `WHEN :caseId${i} THEN :caseValue${i}`;
    });
    await this.unitOfWork
      .manager()
      .createQueryBuilder()
      .update(model.entity)
      .set({ [field]: () => `CASE id ${cases.join(' ')} END`, write_date: writeDate } as ObjectLiteral)
      .where('id IN (:...caseIds)', { caseIds: values.map((v) => v.recordId) })
      .setParameters(params)
      .execute();
  }

  async delete(model: ModelDefinition, id: number): Promise<void> {
    await this.unitOfWork.manager().delete(model.entity, { id });
  }

  /** Stored columns of the given records, keyed by id. */
  async findRows(model: ModelDefinition, ids: number[]): Promise<Map<number, Row>> {
    const rows = new Map<number, Row>();
    if (!ids.length) return rows;
    const found = (await this.builder(model).whereInIds(ids).getRawMany()) as Row[];
    for (const row of found) rows.set(Number(row.id), { ...row, id: Number(row.id) });
    return rows;
  }

  /** Ids among `ids` that exist in the model (to check relational values). */
  async existingIds(model: ModelDefinition, ids: number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const rows = await this.unitOfWork
      .manager()
      .createQueryBuilder(model.entity, 'r')
      .select('r.id', 'id')
      .whereInIds(ids)
      .getRawMany<{ id: number }>();
    return new Set(rows.map((row) => Number(row.id)));
  }

  /** For each record, the ids its x2many field holds. */
  async x2manyIds(
    model: ModelDefinition,
    field: FieldDefinition,
    ids: number[],
    targetModel: ModelDefinition,
  ): Promise<Map<number, number[]>> {
    const result = new Map<number, number[]>(ids.map((id) => [id, []]));
    if (!ids.length) return result;
    const db = this.unitOfWork.manager();
    let pairs: { owner: number; target: number }[];
    if (field.type === 'one2many') {
      const inverse = field.inverseName!;
      pairs = await db
        .createQueryBuilder(targetModel.entity, 't')
        .select(`t.${inverse}`, 'owner')
        .addSelect('t.id', 'target')
        .where(`t.${inverse} IN (:...ids)`, { ids })
        .orderBy('t.id')
        .getRawMany();
    } else {
      pairs = await db
        .createQueryBuilder()
        .select(`rel.${field.column1}`, 'owner')
        .addSelect(`rel.${field.column2}`, 'target')
        .from(field.relationTable!, 'rel')
        .where(`rel.${field.column1} IN (:...ids)`, { ids })
        .orderBy(`rel.${field.column2}`)
        .getRawMany();
    }
    for (const pair of pairs) result.get(Number(pair.owner))?.push(Number(pair.target));
    return result;
  }

  /** Replace a many2many field's links (Odoo's `[(6, 0, ids)]`). */
  async setMany2many(field: FieldDefinition, ownerId: number, targetIds: number[]): Promise<void> {
    await this.unitOfWork
      .manager()
      .createQueryBuilder()
      .delete()
      .from(field.relationTable!)
      .where(`${field.column1} = :ownerId`, { ownerId })
      .execute();
    if (!targetIds.length) return;
    const rows = targetIds.map((target) => ({ [field.column1!]: ownerId, [field.column2!]: target }));
    await this.unitOfWork.manager().createQueryBuilder().insert().into(field.relationTable!).values(rows).execute();
  }

  /** Ids of records whose `field` equals `value` (used to resolve references and one2many inverses). */
  idsWhere(model: ModelDefinition, field: string, values: unknown[]): Promise<{ id: number; value: unknown }[]> {
    return selectIdsWhere(this.unitOfWork.manager(), model.entity, field, values);
  }

  /** Several `idsWhere` lookups answered by one statement (one round trip), rows per lookup in order. */
  idsWhereEach(lookups: RecordLookup[]): Promise<{ id: number; value: unknown }[][]> {
    return selectIdsWhereEach(
      this.unitOfWork.manager(),
      lookups.map(({ model, field, values }) => ({ target: model.entity, field, values })),
    );
  }

  /** Whether the record exists and satisfies the condition (a compiled domain). */
  async matches(model: ModelDefinition, recordId: number, condition: SqlCondition): Promise<boolean> {
    const count = await this.unitOfWork
      .manager()
      .createQueryBuilder(model.entity, 'r')
      .where('r.id = :recordId', { recordId })
      .andWhere(condition.sql, condition.params)
      .getCount();
    return count > 0;
  }

  /** How many records satisfy the condition (a compiled domain). */
  async countMatching(model: ModelDefinition, condition: SqlCondition): Promise<number> {
    return this.unitOfWork.manager().createQueryBuilder(model.entity, 'r').where(condition.sql, condition.params).getCount();
  }

  /** Of `ids`, those whose record satisfies the condition (one query for a batch). */
  async idsMatching(model: ModelDefinition, condition: SqlCondition, ids: number[]): Promise<number[]> {
    if (!ids.length) return [];
    const rows = await this.unitOfWork
      .manager()
      .createQueryBuilder(model.entity, 'r')
      .select('r.id', 'id')
      .where('r.id IN (:...matchIds)', { matchIds: ids })
      .andWhere(condition.sql, condition.params)
      .getRawMany<{ id: number }>();
    return rows.map((row) => Number(row.id));
  }

  /** Keyset page of ids matching the condition, after `afterId` in id order (no count, no offset). */
  async idsAfter(model: ModelDefinition, condition: SqlCondition, afterId: number, limit: number): Promise<number[]> {
    const rows = await this.unitOfWork
      .manager()
      .createQueryBuilder(model.entity, 'r')
      .select('r.id', 'id')
      .where(condition.sql, condition.params)
      .andWhere('r.id > :afterId', { afterId })
      .orderBy('r.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number }>();
    return rows.map((row) => Number(row.id));
  }

  /**
   * One page of a listing plus the total matching the condition: the records API's reads, bounded
   * in time (BoundedReads: a statement timeout, on SQLite off the main thread).
   */
  async search(
    model: ModelDefinition,
    condition: SqlCondition,
    order: OrderTerm[],
    limit: number,
    offset: number,
  ): Promise<{ rows: Row[]; total: number }> {
    const query = this.builder(model).where(condition.sql, condition.params);
    const [count] = await this.reads.rows(query.clone().select('COUNT(*)', 'cnt'));
    const total = Number(count?.cnt ?? 0);
    for (const term of order) query.addOrderBy(`r.${term.field}`, term.direction);
    const rows = (await this.reads.rows(query.offset(offset).limit(limit))) as Row[];
    return { rows: rows.map((row) => ({ ...row, id: Number(row.id) })), total };
  }

  private builder(model: ModelDefinition): SelectQueryBuilder<ObjectLiteral> {
    const query = this.unitOfWork.manager().createQueryBuilder(model.entity, 'r');
    // Raw rows keyed by field name (not TypeORM's alias_column).
    query.select([]);
    for (const field of Object.values(model.fields).filter(isStored)) query.addSelect(`r.${field.name}`, field.name);
    return query;
  }
}
