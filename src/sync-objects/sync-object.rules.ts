/**
 * The seed's rules for a sync object, checked as a whole. Pure: the caller
 * supplies what it looked up (model registry, sync model, web service), and gets
 * back every problem, each naming its field.
 */
import { FieldProblem } from '../common/errors';
import { validateDomain } from '../odoo/domain/domain.compiler';
import { fieldOf, isRelational, isStored, ModelDefinition } from '../odoo/model-definition';
import { ModelRegistry } from '../odoo/model.registry';
import { SyncModelField } from '../sync-models/sync-model.entity';
import { guardProblems, SyncGuard } from './guard';
import { Direction, EndpointSetting, FieldMapping, mappingDirection, receivesFromExternal, sendsToExternal } from './sync-object.types';

export interface SyncObjectCandidate {
  direction: Direction;
  odooModel: string;
  odooRefField: string;
  externalRefField: string;
  domain: string;
  fields: FieldMapping[];
  endpoints: EndpointSetting[];
  guard?: SyncGuard | null;
}

export interface RuleContext {
  registry: ModelRegistry;
  /** undefined when the sync model does not exist. */
  syncModelFields?: SyncModelField[];
  /** undefined when the web service does not exist. */
  webService?: { name: string; shippingUrl: string | null };
}

const REF_TYPES = new Set(['char', 'integer', 'text']);

export function checkSyncObject(candidate: SyncObjectCandidate, ctx: RuleContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, problem: string) => problems.push({ field, problem });

  if (!ctx.webService) add('webServiceId', 'web service does not exist');
  else if (sendsToExternal(candidate.direction) && !ctx.webService.shippingUrl) {
    add('webServiceId', `web service "${ctx.webService.name}" has no shipping URL, which direction ${candidate.direction} needs`);
  }
  if (!ctx.syncModelFields) add('syncModelId', 'sync model does not exist');
  problems.push(...guardProblems(candidate.guard));

  const model = ctx.registry.find(candidate.odooModel);
  if (!model) {
    add(
      'odooModel',
      `model ${candidate.odooModel} is not registered (known: ${ctx.registry
        .list()
        .map((m) => m.name)
        .join(', ')})`,
    );
    return problems;
  }
  const refField = fieldOf(model, candidate.odooRefField);
  if (!refField) add('odooRefField', `${model.name} has no field ${candidate.odooRefField}`);
  else if (!REF_TYPES.has(refField.type) || refField.readonly)
    add('odooRefField', `${candidate.odooRefField} cannot hold an external id (needs a writable char or integer field)`);

  const externalNames = new Set((ctx.syncModelFields ?? []).map((f) => f.name));
  if (ctx.syncModelFields && !externalNames.has(candidate.externalRefField)) {
    add('externalRefField', `the sync model has no field ${candidate.externalRefField}`);
  }

  checkMappings(candidate.fields, model, ctx, externalNames, add);
  checkOwnership(candidate, add);
  const hasRefPair = candidate.fields.some((m) => m.odooField === candidate.odooRefField && m.externalField === candidate.externalRefField);
  if (!hasRefPair) {
    add('fields', `the external id pair ${candidate.odooRefField} ↔ ${candidate.externalRefField} must be among the mappings`);
  }

  try {
    validateDomain(candidate.domain, model, ctx.registry);
  } catch (error) {
    add('domain', (error as Error).message);
  }

  const actions = candidate.endpoints.map((e) => e.action);
  if (new Set(actions).size !== actions.length) add('endpoints', 'each action (create, write, unlink) may appear once');
  return problems;
}

function checkMappings(
  mappings: FieldMapping[],
  model: ModelDefinition,
  ctx: RuleContext,
  externalNames: Set<string>,
  add: (field: string, problem: string) => void,
): void {
  const seenOdoo = new Set<string>();
  const seenExternal = new Set<string>();
  mappings.forEach((mapping, index) => {
    const at = `fields.${index}`;
    const field = fieldOf(model, mapping.odooField);
    if (!field) add(`${at}.odooField`, `${model.name} has no field ${mapping.odooField}`);
    else if (field.readonly) add(`${at}.odooField`, `${mapping.odooField} is set by Synchro and cannot be synchronized`);
    if (seenOdoo.has(mapping.odooField)) add(`${at}.odooField`, `${mapping.odooField} is mapped twice`);
    seenOdoo.add(mapping.odooField);

    if (ctx.syncModelFields && !externalNames.has(mapping.externalField)) {
      add(`${at}.externalField`, `the sync model has no field ${mapping.externalField}`);
    }
    if (seenExternal.has(mapping.externalField)) add(`${at}.externalField`, `${mapping.externalField} is mapped twice`);
    seenExternal.add(mapping.externalField);

    if (!field || !mapping.referenceField) return;
    if (!isRelational(field.type)) {
      add(`${at}.referenceField`, `only relational fields take a reference field; ${mapping.odooField} is ${field.type}`);
      return;
    }
    const target = ctx.registry.find(field.relation!);
    const reference = target && fieldOf(target, mapping.referenceField);
    if (!target || !reference) add(`${at}.referenceField`, `${field.relation} has no field ${mapping.referenceField}`);
    else if (!isStored(reference) || isRelational(reference.type)) {
      add(`${at}.referenceField`, `${mapping.referenceField} must be a plain field of ${field.relation}`);
    }
  });
}

/** Field ownership: a one-way mapping needs its way in the object's direction; the external-id pair goes both ways. */
function checkOwnership(candidate: SyncObjectCandidate, add: (field: string, problem: string) => void): void {
  candidate.fields.forEach((mapping, index) => {
    const direction = mappingDirection(mapping);
    if (direction === 'both') return;
    const at = `fields.${index}.direction`;
    if (mapping.odooField === candidate.odooRefField && mapping.externalField === candidate.externalRefField) {
      add(at, `the external id pair ${candidate.odooRefField} ↔ ${candidate.externalRefField} always goes both ways`);
    } else if (direction === 'odoo_to_external' && !sendsToExternal(candidate.direction)) {
      add(at, `${direction} needs an object that sends to the external system; this one is ${candidate.direction}`);
    } else if (direction === 'external_to_odoo' && !receivesFromExternal(candidate.direction)) {
      add(at, `${direction} needs an object that receives from the external system; this one is ${candidate.direction}`);
    }
  });
}
