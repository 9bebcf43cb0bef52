/**
 * Checks real answers against the OpenAPI document the application serves.
 *
 * `checkSchema` is a small JSON-schema check for the subset @nestjs/swagger emits (OpenAPI 3.0:
 * $ref, allOf/oneOf/anyOf, nullable, type, enum, format date-time, properties/required, items,
 * additionalProperties). It is strict where a client would be hurt: an object schema that lists
 * properties and says nothing about others accepts no undocumented property, so an answer can
 * not carry a field the typed client does not know.
 */
type Schema = Record<string, unknown>;
type Json = unknown;

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  summary?: string;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}

function resolve(ref: string, root: object): Schema {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/'))
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (!node || typeof node !== 'object') throw new Error(`unresolved $ref ${ref}`);
  return node as Schema;
}

function typeOf(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Problems of `value` against `schema` (empty: it conforms), each prefixed with its JSON path. */
export function checkSchema(value: Json, schema: Schema, root: object, path = '$'): string[] {
  if (typeof schema.$ref === 'string') return checkSchema(value, resolve(schema.$ref, root), root, path);
  if (value === null && schema.nullable === true) return [];
  const problems: string[] = [];
  if (Array.isArray(schema.allOf)) for (const part of schema.allOf as Schema[]) problems.push(...checkSchema(value, part, root, path));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (options && !options.some((option) => checkSchema(value, option, root, path).length === 0)) {
      problems.push(`${path}: matches none of ${key}`);
    }
  }
  const actual = typeOf(value);
  const type = schema.type as string | undefined;
  if (type && !(actual === type || (type === 'number' && actual === 'integer'))) {
    return [...problems, `${path}: expected ${type}${schema.nullable ? ' or null' : ''}, got ${actual}`];
  }
  if (!type && value === null && !schema.allOf && !schema.oneOf && !schema.anyOf && Object.keys(schema).length > 0) {
    return [...problems, `${path}: null is not allowed here`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    problems.push(`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (schema.format === 'date-time' && typeof value === 'string' && !ISO_DATE_TIME.test(value))
    problems.push(`${path}: not an ISO 8601 date-time`);
  if (actual === 'array' && schema.items) {
    (value as Json[]).forEach((item, index) => problems.push(...checkSchema(item, schema.items as Schema, root, `${path}[${index}]`)));
  }
  if (actual === 'object') problems.push(...checkObject(value as Record<string, Json>, schema, root, path));
  return problems;
}

function checkObject(value: Record<string, Json>, schema: Schema, root: object, path: string): string[] {
  const problems: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const name of (schema.required ?? []) as string[]) if (!(name in value)) problems.push(`${path}.${name}: required, missing`);
  const extra = schema.additionalProperties;
  for (const [name, item] of Object.entries(value)) {
    if (properties[name]) problems.push(...checkSchema(item, properties[name], root, `${path}.${name}`));
    else if (extra && typeof extra === 'object') problems.push(...checkSchema(item, extra as Schema, root, `${path}.${name}`));
    else if (extra !== true && schema.properties) problems.push(`${path}.${name}: not in the documented schema`);
  }
  return problems;
}

/** The path template of `document` serving `path` (literal segments win over parameters). */
export function findTemplate(document: OpenApiDocument, path: string): string | undefined {
  const segments = path.split('?')[0].split('/');
  const candidates = Object.keys(document.paths).filter((template) => {
    const parts = template.split('/');
    return parts.length === segments.length && parts.every((part, i) => /^\{.+\}$/.test(part) || part === decodeURIComponent(segments[i]));
  });
  const params = (template: string) => (template.match(/\{/g) ?? []).length;
  return candidates.sort((a, b) => params(a) - params(b))[0];
}

export interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  text?: string;
}

/** Problems of one real answer to `method path` against the document (empty: documented and conforming). */
export function checkAnswer(document: OpenApiDocument, method: string, path: string, answer: Answer): string[] {
  const template = findTemplate(document, path);
  const operation = template ? document.paths[template]?.[method.toLowerCase()] : undefined;
  if (!template || !operation) return [`${method} ${path}: no such operation in the document`];
  const response = operation.responses[String(answer.status)];
  if (!response) return [`${method} ${template}: status ${answer.status} is not documented`];
  const where = `${method} ${template} ${answer.status}`;
  if (!response.content) return answer.text ? [`${where}: documented without a body, answered ${answer.text.slice(0, 80)}`] : [];
  const contentType = (answer.headers['content-type'] ?? '').split(';')[0].trim();
  const media = response.content[contentType];
  if (!media?.schema)
    return [`${where}: answered ${contentType || 'no content type'}, documented ${Object.keys(response.content).join(', ')}`];
  const value = contentType === 'application/json' ? answer.body : answer.text;
  return checkSchema(value, media.schema, document).map((problem) => `${where}: ${problem}`);
}
