import type { ClaimCheck } from '../../claims/check-statement.ts';
import type { TextCheck } from '../../claims/check-text.ts';
import { describeClaim } from '../../claims/describe-claim.ts';
import type { Verdict } from '../../claims/verdict.ts';
import { formatTable } from '../format-table.ts';
import { sourceLines } from '../source-lines.ts';

const VERDICT_EN: Record<Verdict, string> = {
  accurate: 'ACCURATE',
  approximately_accurate: 'APPROXIMATELY ACCURATE',
  inaccurate: 'INACCURATE',
  not_verifiable: 'NOT VERIFIABLE',
};

const VERDICT_ES: Record<Verdict, string> = {
  accurate: 'EXACTA',
  approximately_accurate: 'APROXIMADAMENTE EXACTA',
  inaccurate: 'INEXACTA',
  not_verifiable: 'NO VERIFICABLE',
};

/** The headings of the terminal report, in the language of the explanation. */
const WORDS = {
  en: {
    statement: 'Statement',
    said: 'Said',
    language: 'language',
    read: 'Understood as:',
    verdict: 'Verdict',
    note: 'Note',
    tolerance: 'Tolerance',
    computed: 'computed',
    value: 'value',
    query: 'Query',
  },
  es: {
    statement: 'Afirmación',
    said: 'Fecha',
    language: 'idioma',
    read: 'Entendida como:',
    verdict: 'Veredicto',
    note: 'Nota',
    tolerance: 'Tolerancia',
    computed: 'calculado',
    value: 'valor',
    query: 'Consulta',
  },
};

/** One checked statement for a terminal: how it was read, the verdict, and the work. */
export function renderCheck(c: ClaimCheck): string {
  const lang = c.explanationLanguage ?? 'en';
  const w = WORDS[lang];
  const VERDICT = lang === 'es' ? VERDICT_ES : VERDICT_EN;
  const out = [
    `${w.statement}: "${c.statement}"`,
    `${w.said}: ${c.asOf} · ${w.language}: ${c.language}`,
    '',
  ];
  if (c.claim.parts.length > 0) {
    out.push(w.read);
    c.claim.parts.forEach((p, i) => out.push(`  ${i + 1}. ${describeClaim(p, lang)}`));
    out.push('');
  }
  out.push(`${w.verdict}: ${VERDICT[c.verdict]}`);
  if (c.parts.length > 1)
    c.parts.forEach((p, i) => out.push(`  ${i + 1}. ${VERDICT[p.verdict].toLowerCase()}`));
  out.push('');
  if (c.computed.length > 0) {
    out.push(
      formatTable(
        [w.computed, w.value],
        c.computed.map((f) => [f.label, f.display]),
        90,
      ),
      '',
    );
  }
  out.push(c.explanation);
  for (const n of new Set(c.parts.flatMap((p) => p.notes))) out.push(`${w.note}: ${n}`);
  if (c.tolerance.length > 0) out.push('', ...c.tolerance.map((t) => `${w.tolerance}: ${t}`));
  for (const q of c.query) {
    out.push(`${w.query}: ${q.call}`);
    if (q.sql) out.push(`  SQL: ${q.sql}`);
  }
  out.push(...sourceLines(c.sources));
  return out.join('\n');
}

/** A text's checks as a table: line, verdict, statement, the main computed figure. */
export function renderTextTable(r: TextCheck): string {
  return [
    `${r.checks.length} checkable statement(s) in ${r.pieces} sentence(s) and bullet item(s), as of ${r.asOf}`,
    formatTable(
      ['line', 'verdict', 'statement', 'computed'],
      r.checks.map((c) => [
        c.line,
        c.verdict.replace('_', ' '),
        c.statement,
        c.computed[0]?.display ?? c.wouldDecide ?? '',
      ]),
      70,
    ),
    summaryLine(r),
  ].join('\n');
}

/** A text's checks as Markdown: a summary table, then each statement's reading and work. */
export function renderTextMarkdown(r: TextCheck): string {
  const cell = (s: string) => s.replaceAll('|', '\\|').replace(/\n/g, ' ');
  const out = [
    `# Claim check (as of ${r.asOf})`,
    '',
    summaryLine(r),
    '',
    '| # | line | verdict | statement | computed |',
    '|---|---|---|---|---|',
    ...r.checks.map(
      (c, i) =>
        `| ${i + 1} | ${c.line} | **${c.verdict.replace('_', ' ')}** | ${cell(c.statement)} | ${cell(c.computed[0]?.display ?? '')} |`,
    ),
  ];
  r.checks.forEach((c, i) => {
    out.push(
      '',
      `## ${i + 1}. ${cell(c.statement)}`,
      '',
      `**${(c.explanationLanguage === 'es' ? VERDICT_ES : VERDICT_EN)[c.verdict]}**`,
      '',
    );
    const es = c.explanationLanguage === 'es';
    for (const p of c.claim.parts)
      out.push(
        `- ${es ? 'entendida como' : 'understood as'}: ${describeClaim(p, es ? 'es' : 'en')}`,
      );
    for (const f of c.computed) out.push(`- ${f.label}: ${f.display}`);
    out.push('', ...c.explanation.split('\n').map((l) => `> ${l}`), '');
    for (const n of new Set(c.parts.flatMap((p) => p.notes)))
      out.push(`- ${es ? 'nota' : 'note'}: ${n}`);
    for (const t of c.tolerance) out.push(`- ${es ? 'tolerancia' : 'tolerance'}: ${t}`);
    for (const q of c.query) out.push(`- ${es ? 'consulta' : 'query'}: \`${q.call}\``);
    for (const s of sourceLines(c.sources)) out.push(`- ${s}`);
  });
  return out.join('\n');
}

function summaryLine(r: TextCheck): string {
  return (Object.entries(r.summary) as [Verdict, number][])
    .map(([v, n]) => `${v.replace('_', ' ')}: ${n}`)
    .join(' · ');
}
