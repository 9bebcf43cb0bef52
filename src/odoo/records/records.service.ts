import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { UnitOfWork } from '../../database/unit-of-work';
import { NotFoundError, ValidationError } from '../../common/errors';
import { DomainCompiler } from '../domain-compiler.service';
import { fieldOf, ModelDefinition } from '../model-definition';
import { ModelRegistry } from '../model.registry';
import { coerceFieldValue, FieldValueError, StoredValue } from '../values/field-value';
import { ListRecordsQuery } from './dto/list-records.query';
import { SearchRecordsDto } from './dto/search-records.dto';
import { LOCAL_ORIGIN } from './record-change';
import { parseOrder } from './record-order';
import { RecordReader, RecordValues } from './record.reader';
import { RecordRepository } from './record.repository';
import { RecordWriter } from './record.writer';

/** The records API's rules: values keyed by Odoo field names, checked against the model registry. */
@Injectable()
export class RecordsService {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly repository: RecordRepository,
    private readonly reader: RecordReader,
    private readonly writer: RecordWriter,
    private readonly domains: DomainCompiler,
    private readonly audit: AuditService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(modelName: string, query: ListRecordsQuery | SearchRecordsDto): Promise<{ items: RecordValues[]; total: number }> {
    const model = this.model(modelName);
    const condition = this.domains.compile(query.domain ?? '[]', model, 'r', 'domain');
    const order = parseOrder(query.order, model);
    const { rows, total } = await this.repository.search(model, condition, order, query.limit ?? 80, query.offset ?? 0);
    return { items: await this.reader.serialize(model, rows), total };
  }

  async get(modelName: string, id: number): Promise<RecordValues> {
    const model = this.model(modelName);
    const record = await this.reader.readOne(model, id);
    if (!record) throw new NotFoundError('RECORDS.NOT_FOUND', `${model.name} ${id} does not exist`);
    return record;
  }

  create(modelName: string, body: unknown): Promise<RecordValues> {
    const model = this.model(modelName);
    const values = this.values(model, body);
    return this.unitOfWork.run(async () => {
      const record = await this.writer.create(model, values, LOCAL_ORIGIN);
      await this.audit.record({ action: 'create', resourceType: 'record', resourceId: `${model.name}/${record.id}`, after: values });
      return record;
    });
  }

  update(modelName: string, id: number, body: unknown): Promise<RecordValues> {
    const model = this.model(modelName);
    const values = this.values(model, body);
    return this.unitOfWork.run(async () => {
      const record = await this.writer.write(model, id, values, LOCAL_ORIGIN);
      await this.audit.record({ action: 'update', resourceType: 'record', resourceId: `${model.name}/${id}`, after: values });
      return record;
    });
  }

  async remove(modelName: string, id: number): Promise<void> {
    const model = this.model(modelName);
    await this.unitOfWork.run(async () => {
      await this.writer.unlink(model, id, LOCAL_ORIGIN);
      await this.audit.record({ action: 'delete', resourceType: 'record', resourceId: `${model.name}/${id}` });
    });
  }

  models(): { name: string; description: string; fields: unknown[] }[] {
    return this.registry.list().map((model) => ({
      name: model.name,
      description: model.description,
      fields: Object.values(model.fields).map(({ name, type, label, required, readonly, relation, selection }) => ({
        name,
        type,
        label,
        required: !!required,
        readonly: !!readonly,
        relation,
        selection,
      })),
    }));
  }

  private model(name: string): ModelDefinition {
    const model = this.registry.find(name);
    if (!model) throw new NotFoundError('RECORDS.UNKNOWN_MODEL', `model ${name} is not registered`);
    return model;
  }

  /** JSON body → stored values; unknown, read-only or mistyped fields are 400s naming the field. */
  private values(model: ModelDefinition, body: unknown): Record<string, StoredValue> {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new ValidationError('RECORDS.BAD_BODY', 'body must be a JSON object of field values');
    }
    const values: Record<string, StoredValue> = {};
    const problems: { field: string; problem: string }[] = [];
    for (const [name, raw] of Object.entries(body)) {
      const field = fieldOf(model, name);
      if (!field) problems.push({ field: name, problem: `unknown field on ${model.name}` });
      else if (field.readonly) problems.push({ field: name, problem: 'is read-only' });
      else {
        try {
          values[name] = coerceFieldValue(field, raw, 'strict');
        } catch (error) {
          if (!(error instanceof FieldValueError)) throw error;
          problems.push({ field: name, problem: error.problem });
        }
      }
    }
    if (problems.length) {
      throw new ValidationError('RECORDS.INVALID_VALUES', problems.map((p) => `${p.field}: ${p.problem}`).join('; '), problems);
    }
    return values;
  }
}
