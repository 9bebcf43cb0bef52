import { confirmationBody, readConfirmationAnswer, readReceiveAnswer } from '../../../src/scheduler/cron-protocol';
import { OutboundResult } from '../../../src/web-services/outbound/outbound-result';

const ok = (json: unknown): OutboundResult => ({ ok: true, httpStatus: 200, json, latencyMs: 1 });

describe('readReceiveAnswer (the seed receive answer)', () => {
  it('reads the seed example: insert/update/delete become create/write/unlink, keyed by the external ref field', () => {
    const answer = readReceiveAnswer(
      ok({
        status: 'success',
        error_message: false,
        content: [
          { action: 'insert', values: { external_id: 1, name: 'Contact 1' } },
          { action: 'update', values: { external_id: '2', name: 'Contact 2' } },
          { action: 'delete', values: { external_id: 3 } },
          { action: 'delete', external_id: 4 },
        ],
      }),
      'external_id',
    );
    expect(answer).toEqual({
      ok: true,
      items: [
        {
          index: 0,
          rawExternalId: 1,
          values: { external_id: 1, name: 'Contact 1' },
          change: { action: 'create', externalId: '1', payload: { external_id: 1, name: 'Contact 1' } },
        },
        {
          index: 1,
          rawExternalId: '2',
          values: { external_id: '2', name: 'Contact 2' },
          change: { action: 'write', externalId: '2', payload: { external_id: '2', name: 'Contact 2' } },
        },
        {
          index: 2,
          rawExternalId: 3,
          values: { external_id: 3 },
          change: { action: 'unlink', externalId: '3', payload: { external_id: 3 } },
        },
        { index: 3, rawExternalId: 4, values: {}, change: { action: 'unlink', externalId: '4', payload: {} } },
      ],
    });
  });

  it.each([
    [
      'not 2xx (the fake error_message included)',
      { ok: false, httpStatus: 500, error: 'HTTP 500: simulated server error', latencyMs: 1 },
      'HTTP 500: simulated server error',
    ],
    [
      'not JSON',
      { ok: false, httpStatus: 200, errorKind: 'malformed_json', error: 'the answer is not valid JSON (Unexpected end)', latencyMs: 1 },
      'not valid JSON',
    ],
    ['status failed', ok({ status: 'failed', error_message: 'simulated failure' }), 'status "failed": simulated failure'],
    ['status error', ok({ status: 'error', error_message: 'simulated error' }), 'status "error": simulated error'],
    ['no status', ok({ content: [] }), 'status null: no error message'],
    ['no content list', ok({ status: 'success', content: {} }), 'no "content" list'],
    ['not an object', ok([1, 2]), 'not a JSON object'],
    [
      'a timeout',
      { ok: false, errorKind: 'timeout', error: 'no complete answer within 200 ms', latencyMs: 200 },
      'no complete answer within 200 ms',
    ],
  ] as const)('a whole-answer problem applies nothing: %s', (_case, result, error) => {
    const answer = readReceiveAnswer(result as OutboundResult, 'external_id');
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error).toContain(error);
  });

  it.each([
    ['not an object', 'oops', 'content[0] is not an object', null],
    ['unknown action', { action: 'upsert', values: { id: 5 } }, 'content[0].action "upsert" is not insert, update or delete', 5],
    ['values missing on insert', { action: 'insert' }, 'content[0].values must be an object', null],
  ])('a bad item fails alone: %s', (_case, item, problem, rawExternalId) => {
    const answer = readReceiveAnswer(ok({ status: 'success', content: [item, { action: 'insert', values: { id: 9 } }] }), 'id');
    expect(answer.ok && answer.items[0]).toMatchObject({ problem, rawExternalId });
    expect(answer.ok && answer.items[0].change).toBeUndefined();
    expect(answer.ok && answer.items[1].change).toEqual({ action: 'create', externalId: '9', payload: { id: 9 } });
  });

  it('an item without an external id is still a change (the applier reports it)', () => {
    const answer = readReceiveAnswer(ok({ status: 'success', content: [{ action: 'insert', values: { name: 'x' } }] }), 'unique_id');
    expect(answer.ok && answer.items[0]).toMatchObject({ rawExternalId: null, change: { action: 'create', payload: { name: 'x' } } });
  });
});

describe('confirmationBody (the seed confirmation request)', () => {
  it('is the seed example: per-record status, error_message false for successes', () => {
    expect(
      confirmationBody([
        { status: 'failed', errorMessage: 'Failed reason', externalId: 1 },
        { status: 'success', errorMessage: null, externalId: 2 },
      ]),
    ).toEqual({
      status: 'failed',
      error_message: '1 of 2 records failed',
      content: [
        { status: 'failed', error_message: 'Failed reason', external_id: 1 },
        { status: 'success', error_message: false, external_id: 2 },
      ],
    });
  });

  it('says success with error_message false when every record succeeded', () => {
    expect(confirmationBody([{ status: 'success', errorMessage: null, externalId: 'A' }])).toEqual({
      status: 'success',
      error_message: false,
      content: [{ status: 'success', error_message: false, external_id: 'A' }],
    });
  });
});

describe('readConfirmationAnswer', () => {
  it.each([
    [ok({ status: 'success', error_message: false }), true],
    [ok({ status: 'failed', error_message: 'nope' }), false],
    [{ ok: false, httpStatus: 500, error: 'HTTP 500', latencyMs: 1 } as OutboundResult, false],
  ])('%j → accepted %s', (result, accepted) => {
    expect(readConfirmationAnswer(result).ok).toBe(accepted);
  });
});
