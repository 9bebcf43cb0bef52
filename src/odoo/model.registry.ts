import { fieldOf, FieldDefinition, ModelDefinition } from './model-definition';

/**
 * The registry of syncable Odoo-style models. Core models and extension modules
 * register here; everything generic (records API, domain compiler, sync mapping)
 * looks models up by their Odoo name.
 */
export class ModelRegistry {
  private readonly models = new Map<string, ModelDefinition>();

  register(model: ModelDefinition): void {
    const existing = this.models.get(model.name);
    if (existing && existing !== model) {
      throw new Error(`Model ${model.name} is registered twice`);
    }
    // Null-prototype fields: a lookup by a name from input (`constructor`, `__proto__`) finds nothing
    // even where code indexes `model.fields[name]` directly.
    if (Object.getPrototypeOf(model.fields) !== null)
      model.fields = Object.assign(Object.create(null) as ModelDefinition['fields'], model.fields);
    this.models.set(model.name, model);
  }

  has(name: string): boolean {
    return this.models.has(name);
  }

  /** The model, or undefined when no module registered it. */
  find(name: string): ModelDefinition | undefined {
    return this.models.get(name);
  }

  get(name: string): ModelDefinition {
    const model = this.models.get(name);
    if (!model) throw new Error(`Unknown model ${name}`);
    return model;
  }

  field(model: string, field: string): FieldDefinition | undefined {
    const definition = this.models.get(model);
    return definition && fieldOf(definition, field);
  }

  list(): ModelDefinition[] {
    return [...this.models.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
