import { ModelRegistry } from '../../src/odoo/model.registry';
import { CORE_MODELS } from '../../src/odoo/models';

/** A registry holding the core Odoo models, as the app registers them at boot. */
export function coreRegistry(): ModelRegistry {
  const registry = new ModelRegistry();
  for (const model of CORE_MODELS) registry.register(model);
  return registry;
}
