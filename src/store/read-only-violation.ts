/** A statement `frontera sql` refuses: says what it would have done and what is allowed. */
export class ReadOnlyViolation extends Error {
  constructor(
    what: string,
    allowed = 'only SELECT, WITH … SELECT, DESCRIBE, SHOW, EXPLAIN and SUMMARIZE over the model are allowed',
  ) {
    super(`frontera sql is read-only and reads only the loaded database: ${what}; ${allowed}`);
    this.name = 'ReadOnlyViolation';
  }
}
