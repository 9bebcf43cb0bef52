import { csvField, csvLine, neutralizeFormula } from '../../../src/change-control/csv';
import { parseCsv } from './csv-reader';

describe('csvField', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['', ''],
    ['plain', 'plain'],
    [42, '42'],
    [-1.5, '-1.5'],
    [true, 'true'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['line1\nline2', '"line1\nline2"'],
    ['cr\rhere', '"cr\rhere"'],
    ['crlf\r\nhere', '"crlf\r\nhere"'],
    [' padded ', ' padded '],
    ['ñandú 😀', 'ñandú 😀'],
    [{ a: 1, b: 'x,y' }, '"{""a"":1,""b"":""x,y""}"'],
    [[1, 2], '"[1,2]"'],
    [new Date('2026-01-31T09:30:00.000Z'), '2026-01-31T09:30:00.000Z'],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('csvLine', () => {
  it('joins fields with commas and ends the record with CRLF', () => {
    expect(csvLine(['a', null, 'b,c', 3])).toBe('a,,"b,c",3\r\n');
  });
});

describe('round trip', () => {
  it('reads back exactly what was written, whatever the text holds', () => {
    const records = [
      ['plain', '', 'a,b', 'say "hi"', 'two\nlines', 'crlf\r\ninside', '""', ',', '{"a":"x,\\"y\\""}'],
      ['', '', ''],
      ['ñandú 😀', ' spaced ', 'tab\there'],
    ];
    expect(parseCsv(records.map(csvLine).join(''))).toEqual(records);
  });
});

describe('neutralizeFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+cmd|calc', "'+cmd|calc"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-cmd|calc', "'-cmd|calc"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['＝HYPERLINK("http://evil.example")', `'＝HYPERLINK("http://evil.example")`],
    ['﹦1+1', "'﹦1+1"],
    ['＋cmd', "'＋cmd"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    ['－cmd', "'－cmd"],
    ['  =1+1', "'  =1+1"],
    ['\u00a0=1+1', "'\u00a0=1+1"],
    ['\nx', "'\nx"],
    ['－42', '－42'],
    ['-42', '-42'],
    ['-4.25', '-4.25'],
    ['Azure = blue', 'Azure = blue'],
    ['', ''],
    [null, null],
  ])('%j → %j', (text, expected) => {
    expect(neutralizeFormula(text)).toBe(expected);
  });
});
