/**
 * The API tab's examples, in the seed's own form (python-requests) and as curl, for one sync object's
 * endpoints. Pure: the endpoint table (with this instance's PUBLIC_URL) and the mapping in, text out.
 */
/** Structural copies of the API's shapes, so this file stays free of browser code (unit-tested under Node). */
export interface Endpoint {
  action: 'create' | 'write' | 'unlink';
  method: 'POST' | 'PUT' | 'DELETE';
  url: string;
}

export interface FieldMapping {
  externalField: string;
  referenceField?: string | null;
}

export interface SnippetInput {
  endpoints: Endpoint[];
  fields: FieldMapping[];
  externalRefField: string;
  apiKey: string;
}

/** The seed's sample ids: 1231 is created then modified, 1354 removed. */
const CREATED_ID = 1231;
const REMOVED_ID = 1354;

function nameField(input: SnippetInput): string {
  const mapped = input.fields.find((field) => !field.referenceField && field.externalField !== input.externalRefField);
  return mapped?.externalField ?? 'name';
}

export interface Example {
  action: Endpoint['action'];
  method: Endpoint['method'];
  url: string;
  payload: Record<string, unknown> | null;
}

export function examples(input: SnippetInput): Example[] {
  const name = nameField(input);
  return input.endpoints.map((endpoint) => {
    if (endpoint.action === 'create') {
      return {
        action: 'create',
        method: endpoint.method,
        url: endpoint.url,
        payload: { [name]: 'Name', [input.externalRefField]: CREATED_ID },
      };
    }
    if (endpoint.action === 'write') {
      return {
        action: 'write',
        method: endpoint.method,
        url: withId(endpoint.url, CREATED_ID),
        payload: { [name]: 'Name of record modified' },
      };
    }
    return { action: 'unlink', method: endpoint.method, url: withId(endpoint.url, REMOVED_ID), payload: null };
  });
}

const withId = (url: string, id: number) => url.replace(/<[^>]+>$/, String(id));

/** Python dict literal spacing as in the seed: `{ "name": "Name", "unique_id": 1231}` for the create. */
function pythonDict(payload: Record<string, unknown> | null, create: boolean): string {
  if (!payload) return '{}';
  const body = Object.entries(payload)
    .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`)
    .join(', ');
  return create ? `{ ${body}}` : `{${body}}`;
}

export function pythonSnippet(example: Example, apiKey: string): string {
  const headers =
    example.payload === null
      ? `headers = {\n  'api_key': '${apiKey}'\n}`
      : `headers = {\n  'api_key': '${apiKey}',\n  'Content-Type': 'application/json'\n}`;
  return [
    'import requests',
    `url = "${example.url}"`,
    `payload=${pythonDict(example.payload, example.action === 'create')}`,
    headers,
    `response = requests.request("${example.method}", url, headers=headers, data=payload)`,
  ].join('\n');
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function curlSnippet(example: Example, apiKey: string): string {
  const lines = [`curl -s -X ${example.method} ${shellQuote(example.url)}`, `  -H ${shellQuote(`api_key: ${apiKey}`)}`];
  if (example.payload !== null) {
    lines.push(`  -H 'Content-Type: application/json'`, `  -d ${shellQuote(JSON.stringify(example.payload))}`);
  }
  return lines.join(' \\\n');
}

/** The seed's note above the table (item 14). */
export const HEADER_NOTE = 'Header : {"api_key":"xxxxxxxxxxx","Content-Type":"application/json"}';
