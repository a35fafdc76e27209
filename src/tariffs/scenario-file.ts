import type { z } from 'zod';
import { isScalar, LineCounter, Parser, parseDocument, stringify } from 'yaml';
import { EXAMPLE_SCENARIO, ScenarioError, scenarioSchema, type Scenario } from './scenario-spec.ts';

/** Aliases a scenario may expand; more is an alias bomb, not a scenario. */
const MAX_ALIASES = 50;
/** Nesting a scenario may have (it needs about 5). */
const MAX_DEPTH = 32;

/**
 * How deeply the text's collections nest, from yaml's concrete syntax tree, which is built
 * without recursion and walked here with an explicit stack. The document builder recurses per
 * level: thousands of levels exhaust the stack, and near the limit V8 can abort the whole
 * process (a fatal "RegExpCompiler Allocation failed") instead of throwing, so depth is
 * refused before the document is built.
 */
function nestingDepth(text: string): number {
  let max = 0;
  for (const token of new Parser().parse(text)) {
    const stack: [unknown, number][] = [[token, 0]];
    while (stack.length > 0) {
      const [t, depth] = stack.pop()!;
      if (!t || typeof t !== 'object') continue;
      max = Math.max(max, depth);
      if (max > MAX_DEPTH) return max;
      const node = t as {
        type?: string;
        value?: unknown;
        items?: { key?: unknown; value?: unknown }[];
      };
      if (node.type === 'document') stack.push([node.value, depth]);
      for (const item of node.items ?? []) {
        stack.push([item.key, depth + 1]);
        stack.push([item.value, depth + 1]);
      }
    }
  }
  return max;
}

/**
 * A scenario file's text — YAML or JSON (YAML 1.2 reads JSON as it is) — to a checked
 * scenario. Errors name the file, line and column, and for a field at fault its path and the
 * value found, so a user editing a long file is sent to the right place.
 */
export function parseScenarioText(text: string, file: string): Scenario {
  if (nestingDepth(text) > MAX_DEPTH)
    throw new ScenarioError(
      `${file}: not a usable YAML document: collections nest more than ${MAX_DEPTH} levels deep`,
    );
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const at = lines.linePos(syntax.pos[0]);
    throw new ScenarioError(
      `${file}:${at.line}:${at.col}: not YAML or JSON: ${firstLine(syntax.message)}`,
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    // The parser's own limits and alias errors (an alias bomb, an alias before its anchor)
    // are the file's fault, reported with the parser's reason.
    const reason = (e as Error).message ?? String(e);
    const limit = /excessive alias/i.test(reason)
      ? ` (at most ${MAX_ALIASES} aliases are expanded)`
      : '';
    throw new ScenarioError(`${file}: not a usable YAML document: ${firstLine(reason)}${limit}`);
  }
  const r = scenarioSchema.safeParse(value);
  if (r.success) return r.data;
  const issue = innermost(r.error.issues[0]);
  const path = (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p));
  // The deepest node the path reaches: a missing field points at the object that lacks it.
  let node: unknown = null;
  for (let n = path.length; n >= 0 && !node; n--) node = doc.getIn(path.slice(0, n), true);
  const range = (node as { range?: [number, number, number] } | null)?.range;
  const at = range ? lines.linePos(range[0]) : null;
  const where = at ? `${file}:${at.line}:${at.col}` : file;
  const found = isScalar(node) ? ` (found ${JSON.stringify(node.value)})` : '';
  throw new ScenarioError(
    `${where}: ${path.join('.') || 'scenario'}: ${issue?.message ?? 'invalid'}${found}`,
  );
}

/** The example scenario as a file users can start from, in either format. */
export function exampleScenarioText(format: 'json' | 'yaml'): string {
  if (format === 'json') return JSON.stringify(EXAMPLE_SCENARIO, null, 2);
  return (
    '# A Frontera tariff scenario: layers apply in order on top of the 2024 baseline.\n' +
    '# ratePct is added ad valorem duty in percent; see `frontera tariff scenario --help`.\n' +
    stringify(EXAMPLE_SCENARIO)
  );
}

type Issue = z.core.$ZodIssue;

/**
 * A layer is one of two shapes, so zod reports "invalid input" on the whole layer; the useful
 * error is the one from the shape the layer meant to be (its `kind`), with the path joined up.
 */
function innermost(issue: Issue | undefined): Issue | undefined {
  if (issue?.code !== 'invalid_union') return issue;
  const branch = issue.errors.find((b) => !b.some((i) => i.path[0] === 'kind')) ?? issue.errors[0];
  const inner = innermost(branch?.[0]);
  return inner ? { ...inner, path: [...issue.path, ...inner.path] } : issue;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
