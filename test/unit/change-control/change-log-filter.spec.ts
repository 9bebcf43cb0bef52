import { containsPattern, parseInstant, toChangeLogFilter } from '../../../src/change-control/change-log-filter';
import { ValidationError } from '../../../src/common/errors';

describe('parseInstant', () => {
  it.each([
    ['2026-01-31', '2026-01-31T00:00:00.000Z'],
    ['2026-01-31T09:30', '2026-01-31T09:30:00.000Z'],
    ['2026-01-31T09:30:15', '2026-01-31T09:30:15.000Z'],
    ['2026-01-31T09:30:15.123Z', '2026-01-31T09:30:15.123Z'],
    ['2026-01-31T11:30:15+02:00', '2026-01-31T09:30:15.000Z'],
    ['2026-01-31T04:30:15-0500', '2026-01-31T09:30:15.000Z'],
  ])('%s → %s (UTC when no zone)', (text, expected) => {
    expect(parseInstant(text, 'from').toISOString()).toBe(expected);
  });

  it.each(['yesterday', '2026-W01', '2026-001', '31/01/2026', '2026-01-31 09:30', ''])('rejects %j naming the field', (text) => {
    expect(() => parseInstant(text, 'to')).toThrow(ValidationError);
    try {
      parseInstant(text, 'to');
    } catch (error) {
      expect((error as ValidationError).details[0].field).toBe('to');
    }
  });
});

describe('toChangeLogFilter', () => {
  it('drops absent values, parses dates and trims q', () => {
    expect(toChangeLogFilter({ status: 'failed', odooId: undefined, from: '2026-01-01', q: '  azure ' })).toEqual({
      status: 'failed',
      from: new Date('2026-01-01T00:00:00Z'),
      q: 'azure',
    });
    expect(toChangeLogFilter({ q: '   ' })).toEqual({});
  });

  it('rejects a range ending before it starts, naming to', () => {
    expect(() => toChangeLogFilter({ from: '2026-02-01', to: '2026-01-01' })).toThrow(
      expect.objectContaining({ code: 'CHANGE_LOG.BAD_RANGE', details: [expect.objectContaining({ field: 'to' })] }),
    );
    expect(toChangeLogFilter({ from: '2026-01-01', to: '2026-01-01' }).to).toEqual(new Date('2026-01-01T00:00:00Z'));
  });
});

describe('containsPattern', () => {
  it.each([
    ['azure', '%azure%'],
    ['100%', '%100!%%'],
    ['a_b', '%a!_b%'],
    ['wow!', '%wow!!%'],
    ["O'Brien", "%O'Brien%"],
  ])('%j → %j', (text, expected) => {
    expect(containsPattern(text)).toBe(expected);
  });
});
