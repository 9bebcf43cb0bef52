import { FieldDefinition, ModelDefinition } from './model-definition';

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
    return this.models.get(model)?.fields[field];
  }

  list(): ModelDefinition[] {
    return [...this.models.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
