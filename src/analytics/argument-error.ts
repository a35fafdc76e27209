/** A malformed argument (a date that is not one, `--from` after `--to`): the API's 400. */
export class ArgumentError extends Error {
  readonly parameter: string;
  constructor(parameter: string, message: string) {
    super(message);
    this.name = 'ArgumentError';
    this.parameter = parameter;
  }
}
