import { DefaultNamingStrategy, NamingStrategyInterface } from 'typeorm';

/**
 * camelCase properties of Synchro's own entities become snake_case columns, so
 * the schema reads like Odoo's. Odoo-style models already use snake_case names.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    const name = customName ?? snake(propertyName);
    return prefixes.length ? snake(prefixes.join('_')) + '_' + name : name;
  }

  override relationName(propertyName: string): string {
    return snake(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snake(relationName + '_' + referencedColumnName);
  }
}

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
