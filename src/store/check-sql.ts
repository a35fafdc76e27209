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
      // TRY_CAST refuses words and overflow but rounds 3.5 to 4: a fraction is refused apart.
      return `${present} AND (TRY_CAST(${v} AS BIGINT) IS NULL OR contains(${v}, '.') OR contains(lower(${v}), 'e'))`;
    case 'at-least':
      return `${present} AND TRY_CAST(${v} AS DOUBLE) < ${rule.min}`;
    case 'decimal':
      return `${present} AND TRY_CAST(${v} AS DOUBLE) IS NULL`;
    case 'pattern':
      return `${present} AND NOT regexp_full_match(${v}, ${literal(rule.regex)})`;
    case 'one-of':
      return `${present} AND ${v} NOT IN (${rule.values.map(literal).join(', ')})`;
    case 'month-name-year':
      return `${present} AND (length(${v}) <> 8 OR position(left(${v}, 3) IN '${MONTHS.replaceAll('|', '')}') % 3 <> 1 OR substr(${v}, 4, 1) <> ' ' OR TRY_CAST(right(${v}, 4) AS INTEGER) NOT BETWEEN 1980 AND 2099 OR TRY_CAST(right(${v}, 4) AS INTEGER) IS NULL)`;
  }
}

export function problemFor(rule: CheckRule): { code: ProblemCode; message: string } {
  switch (rule.kind) {
    case 'required':
      return { code: 'missing-value', message: 'a value is required here' };
    case 'integer':
      return { code: 'not-a-number', message: 'expected a whole number (at most 19 digits)' };
    case 'at-least':
      return {
        code: 'out-of-range',
        message: `expected at least ${rule.min}: this source never publishes it negative`,
      };
    case 'decimal':
      return { code: 'not-a-number', message: 'expected a number' };
    case 'pattern':
      return { code: rule.code ?? 'unknown-code', message: `expected ${rule.expected}` };
    case 'one-of':
      return {
        code: 'unknown-code',
        message: `unknown code; expected one of ${rule.values.slice(0, 12).join(', ')}${rule.values.length > 12 ? ', …' : ''}`,
      };
    case 'month-name-year':
      return { code: 'bad-date', message: 'expected a month like "Jan 2024"' };
  }
}
