import { formatProblem, type Problem } from './problem.ts';

/** Bad input: carries every problem found, each naming file, line, column and value. */
export class InputError extends Error {
  readonly problems: Problem[];
  /** How many problems were found in all; `problems` may hold only the first ones. */
  readonly total: number;

  constructor(problems: Problem[], total = problems.length) {
    const shown = problems.slice(0, 20).map(formatProblem);
    const more = total > shown.length ? `\n… and ${total - shown.length} more problems` : '';
    const head = total === 1 ? '' : `${total} problems:\n`;
    super(head + shown.join('\n') + more);
    this.name = 'InputError';
    this.problems = problems;
    this.total = total;
  }
}

export function inputError(problem: Problem): InputError {
  return new InputError([problem]);
}
