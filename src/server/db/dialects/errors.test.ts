import { describe, expect, it } from 'vitest';
import { isDatabaseBusy, isDatabaseUnavailable, isUniqueViolation } from './errors.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('database error classes', () => {
  it('tells a database that is away from any other failure', () => {
    for (const error of [
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'),
      withCode('08006'),
      withCode('08001'),
      withCode('53300', 'sorry, too many clients already'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('outer', { cause: withCode('ECONNREFUSED') }),
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''),
    ]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    }
    for (const error of [
      withCode('23505'),
      withCode('22P02', 'invalid input syntax'),
      withCode('SQLITE_BUSY'),
      new Error('boom'),
      new TypeError('x is undefined'),
      null,
      'Connection terminated',
    ]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(false);
    }
  });

  it('tells SQLite busy from the rest', () => {
    expect(isDatabaseBusy(withCode('SQLITE_BUSY'))).toBe(true);
    expect(isDatabaseBusy(withCode('SQLITE_BUSY_SNAPSHOT'))).toBe(true);
    expect(isDatabaseBusy(new Error('wrapped', { cause: withCode('SQLITE_LOCKED') }))).toBe(true);
    expect(isDatabaseBusy(withCode('SQLITE_CONSTRAINT_UNIQUE'))).toBe(false);
    expect(isUniqueViolation(withCode('SQLITE_CONSTRAINT_UNIQUE'))).toBe(true);
  });
});
