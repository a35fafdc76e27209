/**
 * An analysis the chosen query engine cannot answer yet: refused with a sentence naming it,
 * never answered differently from the embedded store (the API sends 501, a command exits 1).
 */
export class EngineRefusal extends Error {
  readonly engine: string;
  readonly what: string;
  readonly why: string;
  constructor(engine: string, what: string, why: string) {
    super(
      `${what} is not available on ${engine} yet: ${why}; use the embedded DuckDB store for it`,
    );
    this.name = 'EngineRefusal';
    this.engine = engine;
    this.what = what;
    this.why = why;
  }

  /** The same refusal, naming the analysis or command asked for. */
  naming(what: string): EngineRefusal {
    return new EngineRefusal(this.engine, what, this.why);
  }
}
