/** Parses an Odoo `order` spec ("name asc, id desc") against a model's stored fields. Pure. */
import { ValidationError } from '../../common/errors';
import { fieldOf, isStored, ModelDefinition } from '../model-definition';
import { OrderTerm } from './record.repository';

export function parseOrder(spec: string | undefined, model: ModelDefinition): OrderTerm[] {
  const text = spec?.trim() || model.order || 'id asc';
  const terms = text.split(',').map((part) => {
    const [field, direction = 'asc', ...rest] = part.trim().split(/\s+/);
    const dir = direction.toLowerCase();
    if (rest.length || (dir !== 'asc' && dir !== 'desc')) {
      throw ValidationError.field('RECORDS.BAD_ORDER', 'order', `"${part.trim()}" is not "<field> [asc|desc]"`);
    }
    const definition = fieldOf(model, field);
    if (!definition || !isStored(definition)) {
      throw ValidationError.field('RECORDS.BAD_ORDER', 'order', `${model.name} has no sortable field "${field}"`);
    }
    return { field, direction: dir.toUpperCase() as 'ASC' | 'DESC' };
  });
  // A stable tie-breaker so offset pagination never repeats or skips rows.
  if (!terms.some((term) => term.field === 'id')) terms.push({ field: 'id', direction: 'ASC' });
  return terms;
}
