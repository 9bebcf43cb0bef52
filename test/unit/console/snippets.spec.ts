import { curlSnippet, examples, pythonSnippet } from '../../../console/src/lib/snippets';

/** The API tab's examples must read exactly like the seed's "Structure in requests in Real Time mode". */
const input = {
  endpoints: [
    { action: 'create' as const, method: 'POST' as const, url: 'http://localhost:8071/sync/CON/create' },
    { action: 'write' as const, method: 'PUT' as const, url: 'http://localhost:8071/sync/CON/<external_id>' },
    { action: 'unlink' as const, method: 'DELETE' as const, url: 'http://localhost:8071/sync/CON/<external_id>' },
  ],
  fields: [{ externalField: 'name' }, { externalField: 'unique_id' }, { externalField: 'country', referenceField: 'code' }],
  externalRefField: 'unique_id',
  apiKey: 'MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16',
};
const KEY = input.apiKey;

describe('API tab examples', () => {
  const [create, write, unlink] = examples(input);

  it.each([
    [
      'create',
      create,
      `import requests
url = "http://localhost:8071/sync/CON/create"
payload={ "name": "Name", "unique_id": 1231}
headers = {
  'api_key': 'MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16',
  'Content-Type': 'application/json'
}
response = requests.request("POST", url, headers=headers, data=payload)`,
    ],
    [
      'modify',
      write,
      `import requests
url = "http://localhost:8071/sync/CON/1231"
payload={"name": "Name of record modified"}
headers = {
  'api_key': 'MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16',
  'Content-Type': 'application/json'
}
response = requests.request("PUT", url, headers=headers, data=payload)`,
    ],
    [
      'remove',
      unlink,
      `import requests
url = "http://localhost:8071/sync/CON/1354"
payload={}
headers = {
  'api_key': 'MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16'
}
response = requests.request("DELETE", url, headers=headers, data=payload)`,
    ],
  ])('python-requests %s is the seed snippet', (_name, example, expected) => {
    expect(pythonSnippet(example, KEY)).toBe(expected);
  });

  it.each([
    [
      create,
      [
        `curl -s -X POST 'http://localhost:8071/sync/CON/create' \\`,
        `  -H 'api_key: K' \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  -d '{"name":"Name","unique_id":1231}'`,
      ].join('\n'),
    ],
    [unlink, `curl -s -X DELETE 'http://localhost:8071/sync/CON/1354' \\\n  -H 'api_key: K'`],
  ])('curl %#', (example, expected) => expect(curlSnippet(example, 'K')).toBe(expected));

  it('quotes single quotes for the shell', () => {
    expect(curlSnippet({ ...create, payload: { name: "O'Brien" } }, 'K')).toContain(`-d '{"name":"O'\\''Brien"}'`);
  });

  it('takes the first plain mapped field for the sample name', () => {
    const [first] = examples({
      ...input,
      fields: [{ externalField: 'country', referenceField: 'code' }, { externalField: 'unique_id' }, { externalField: 'title' }],
    });
    expect(first.payload).toEqual({ title: 'Name', unique_id: 1231 });
  });
});
