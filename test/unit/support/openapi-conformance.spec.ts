import { checkAnswer, checkSchema, findTemplate, OpenApiDocument } from '../../support/openapi-conformance';

const root = {
  components: {
    schemas: {
      Item: { type: 'object', required: ['id'], properties: { id: { type: 'number' }, note: { type: 'string', nullable: true } } },
      Open: { type: 'object', properties: { id: { type: 'integer' } }, additionalProperties: true },
    },
  },
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('checkSchema', () => {
  it.each([
    ['a conforming object', { id: 1, note: null }, ref('Item'), 0],
    ['a missing required property', { note: 'x' }, ref('Item'), 1],
    ['an undocumented property', { id: 1, secret: 'x' }, ref('Item'), 1],
    ['an open object with more properties', { id: 1, name: 'x' }, ref('Open'), 0],
    ['null where not nullable', null, ref('Item'), 1],
    ['a wrong type', { id: 'one' }, ref('Item'), 1],
    ['an integer where a number is expected', 3, { type: 'number' }, 0],
    ['a float where an integer is expected', 3.5, { type: 'integer' }, 1],
    ['an enum value', 'ok', { type: 'string', enum: ['ok', 'degraded'] }, 0],
    ['a value outside the enum', 'down', { type: 'string', enum: ['ok', 'degraded'] }, 1],
    ['a date-time', '2026-01-31T09:30:00.000Z', { type: 'string', format: 'date-time' }, 0],
    ['a bad date-time', '31/01/2026', { type: 'string', format: 'date-time' }, 1],
    ['array items', [{ id: 1 }, { id: 'x' }], { type: 'array', items: ref('Item') }, 1],
    ['allOf with a nullable wrapper', null, { nullable: true, allOf: [ref('Item')] }, 0],
    ['allOf checks the referenced schema', { id: 'x' }, { allOf: [ref('Item')] }, 1],
  ])('%s', (_what, value, schema, problems) => {
    expect(checkSchema(value, schema, root)).toHaveLength(problems);
  });
});

describe('checkAnswer', () => {
  const document: OpenApiDocument = {
    ...root,
    paths: {
      '/api/things/{id}': {
        get: {
          responses: {
            '200': { content: { 'application/json': { schema: ref('Item') } } },
            '404': { content: { 'application/json': { schema: ref('Open') } } },
          },
        },
        delete: { responses: { '204': { description: 'Deleted' } } },
      },
      '/api/things/export.csv': { get: { responses: { '200': { content: { 'text/csv': { schema: { type: 'string' } } } } } } },
    },
  };
  const json = { 'content-type': 'application/json; charset=utf-8' };

  it.each([
    ['a documented answer', 'GET', '/api/things/7', { status: 200, body: { id: 7 }, headers: json }, 0],
    ['an undocumented status', 'GET', '/api/things/7', { status: 500, body: {}, headers: json }, 1],
    ['an unknown route', 'GET', '/api/other', { status: 200, body: {}, headers: json }, 1],
    ['a body not matching', 'GET', '/api/things/7', { status: 200, body: { id: 'x' }, headers: json }, 1],
    ['an empty 204', 'DELETE', '/api/things/7', { status: 204, body: {}, headers: {}, text: '' }, 0],
    [
      'a literal path before a parameter',
      'GET',
      '/api/things/export.csv',
      { status: 200, body: {}, headers: { 'content-type': 'text/csv' }, text: 'a' },
      0,
    ],
    [
      'another content type than documented',
      'GET',
      '/api/things/7',
      { status: 200, body: {}, headers: { 'content-type': 'text/html' }, text: 'x' },
      1,
    ],
  ])('%s', (_what, method, path, answer, problems) => {
    expect(checkAnswer(document, method, path, answer)).toHaveLength(problems);
  });

  it('prefers literal segments', () => {
    expect(findTemplate(document, '/api/things/export.csv')).toBe('/api/things/export.csv');
    expect(findTemplate(document, '/api/things/12')).toBe('/api/things/{id}');
  });
});
