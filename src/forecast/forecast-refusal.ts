/** A forecast or backtest was asked that the model does not make: says which and what it does make. */
export class ForecastRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForecastRefusal';
  }
}
