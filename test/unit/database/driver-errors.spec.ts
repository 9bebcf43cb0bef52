import { QueryFailedError } from 'typeorm';
import { ConflictError, ValidationError } from '../../../src/common/errors';
import { translateDriverError } from '../../../src/database/driver-errors';

const failed = (driverError: { code?: string; errno?: number; message: string }) =>
  new QueryFailedError('INSERT INTO `res_partner` (`comment`) VALUES (?)', [], Object.assign(new Error(driverError.message), driverError));

describe('translateDriverError', () => {
  it.each<[string, unknown, string, { field: string; problem: string }[]]>([
    [
      'a value longer than its column (MariaDB 1406)',
      failed({ code: 'ER_DATA_TOO_LONG', errno: 1406, message: "Data too long for column 'comment' at row 1" }),
      'comment: is too long to store',
      [{ field: 'comment', problem: 'is too long to store' }],
    ],
    [
      'a number out of its column range (1264)',
      failed({ code: 'ER_WARN_DATA_OUT_OF_RANGE', errno: 1264, message: "Out of range value for column 'x_count' at row 1" }),
      'x_count: is out of the range the database can store',
      [{ field: 'x_count', problem: 'is out of the range the database can store' }],
    ],
  ])('%s → 400 naming the field', (_name, error, message, details) => {
    const translated = translateDriverError(error);
    expect(translated).toBeInstanceOf(ValidationError);
    expect(translated).toMatchObject({ code: 'DATABASE.VALUE_DOES_NOT_FIT', message, details });
  });

  it('keeps the duplicate-key translation and leaves other errors alone', () => {
    const duplicate = failed({ code: 'ER_DUP_ENTRY', errno: 1062, message: "Duplicate entry 'ES' for key 'uq_res_country_code'" });
    expect(translateDriverError(duplicate)).toBeInstanceOf(ConflictError);
    const other = failed({ code: 'ER_PARSE_ERROR', errno: 1064, message: 'syntax' });
    expect(translateDriverError(other)).toBe(other);
  });
});
