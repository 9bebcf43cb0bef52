import { Injectable } from '@nestjs/common';
import { ModelRegistry } from '../odoo/model.registry';
import { RecordLookup, RecordRepository } from '../odoo/records/record.repository';
import { MappedPayload, ReferenceIndex, referenceKey } from '../mapping/inbound-mapper';

/**
 * Resolves reference values (country "ES" by code, company "C-7" by x_sys_id) to
 * record ids for a whole batch: one query per target model and reference field.
 */
@Injectable()
export class ReferenceResolver {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly records: RecordRepository,
  ) {}

  async resolve(batch: MappedPayload[]): Promise<ReferenceIndex> {
    return (await this.resolveWith(batch, undefined)).index;
  }

  /**
   * As `resolve`, and `also` — one more id lookup (the record being upserted, by its
   * ref field) answered by the same statement: one round trip instead of two.
   */
  async resolveWith(
    batch: MappedPayload[],
    also: RecordLookup | undefined,
  ): Promise<{ index: ReferenceIndex; also: { id: number; value: unknown }[] }> {
    const wanted = new Map<string, { target: string; field: string; values: Set<string | number | boolean> }>();
    for (const mapped of batch) {
      for (const ref of mapped.references) {
        const key = referenceKey(ref.target, ref.referenceField);
        const entry = wanted.get(key) ?? { target: ref.target, field: ref.referenceField, values: new Set() };
        ref.values.forEach((value) => entry.values.add(value));
        wanted.set(key, entry);
      }
    }
    const lookups = [...wanted.values()].map(({ target, field, values }) => ({
      model: this.registry.get(target),
      field,
      values: [...values],
    }));
    const answers = await this.records.idsWhereEach(also ? [also, ...lookups] : lookups);
    const alsoRows = also ? answers.shift()! : [];
    const index: ReferenceIndex = new Map();
    for (const [i, key] of [...wanted.keys()].entries()) {
      const found = new Map<string, number>();
      // Lowest id wins when a reference field is not unique, so the choice is stable.
      for (const row of answers[i].sort((a, b) => a.id - b.id)) {
        const text = normalize(row.value);
        if (!found.has(text)) found.set(text, row.id);
      }
      index.set(key, found);
    }
    return { index, also: alsoRows };
  }
}

/** DB values come back as numbers, strings or 0/1: compare them as the payload's text. */
function normalize(value: unknown): string {
  if (value === true) return 'true';
  if (value === false) return 'false';
  return String(value);
}
