import type { CheckRule, ColumnCheck } from '../model/extract.ts';
import type { ProblemCode } from '../model/problem.ts';
import { ident, literal } from './sql-text.ts';

const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';

/** SQL that is true when a staged text value breaks the rule. */
export function badValueSql(check: ColumnCheck): string {
  const v = ident(check.column);
  const present = `(${v} IS NOT NULL AND trim(${v}) <> '')`;
  const rule: CheckRule = check.rule;
  switch (rule.kind) {
    case 'required':
      return `NOT ${present}`;
    case 'integer':
      return `${present} AND NOT regexp_full_match(trim(${v}), '-?[0-9]+')`;
    case 'decimal':
      return `${present} AND NOT regexp_full_match(trim(${v}), '-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?')`;
    case 'pattern':
      return `${present} AND NOT regexp_full_match(${v}, ${literal(rule.regex)})`;
    case 'one-of':
      return `${present} AND ${v} NOT IN (${rule.values.map(literal).join(', ')})`;
    case 'month-name-year':
      return `${present} AND NOT regexp_full_match(${v}, '(${MONTHS}) (19[89][0-9]|20[0-9][0-9])')`;
  }
}

export function problemFor(rule: CheckRule): { code: ProblemCode; message: string } {
  switch (rule.kind) {
    case 'required':
      return { code: 'missing-value', message: 'a value is required here' };
    case 'integer':
      return { code: 'not-a-number', message: 'expected a whole number' };
    case 'decimal':
      return { code: 'not-a-number', message: 'expected a number' };
    case 'pattern':
      return { code: 'unknown-code', message: `expected ${rule.expected}` };
    case 'one-of':
      return {
        code: 'unknown-code',
        message: `unknown code; expected one of ${rule.values.slice(0, 12).join(', ')}${rule.values.length > 12 ? ', …' : ''}`,
      };
    case 'month-name-year':
      return { code: 'bad-date', message: 'expected a month like "Jan 2024"' };
  }
}
