import { ApiError, apiGet, apiUrl } from '../api.ts';
import { pageHead, type Ctx } from '../context.ts';
import { h, type Child } from '../dom.ts';
import { figure } from '../figure.ts';
import { count, dayName, money, moneyExact, monthName, pct, ratio } from '../format.ts';
import type { MessageKey } from '../i18n.ts';
import { partnerNames, partnerNamesInText } from '../names.ts';
import type { ClaimCheck } from '../types.ts';

/** GET /api/check's answer and its parts, as the server's schema types them. */
type PartCheck = ClaimCheck['parts'][number];
type Claim = PartCheck['claim'];
type Subject = Claim['subject'];
type Computed = ClaimCheck['computed'][number];
type Verdict = ClaimCheck['verdict'];
type Unit = Computed['unit'];
type PartnerRef = { code: string; name: string };

const EXAMPLES: Record<'en' | 'es', string[]> = {
  en: [
    'In 2022 the US exported $324.4 billion of goods to Mexico.',
    'US exports to Mexico were $276 billion in 2022.',
    'Mexico is the second-largest export market for the US, after China.',
  ],
  es: [
    'En 2022 las exportaciones a México sumaron 324.4 mil millones de dólares.',
    'Las exportaciones a México crecieron más de 25 por ciento el año pasado.',
    'Estados Unidos es el principal socio comercial de México.',
  ],
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const key = (prefix: string, v: string) => `${prefix}${cap(v)}` as MessageKey;

/** A statement checked against the data: the verdict, how it was read, the figures and rule. */
export async function checkPage(ctx: Ctx): Promise<Node> {
  const { lang } = ctx;
  const statement = ctx.q('statement')?.trim() ?? '';
  const asOf = ctx.q('asOf') ?? '';
  const form = checkForm(ctx, statement, asOf);
  const head = pageHead(ctx.t('checkTitle'), ctx.t('checkLead'));
  if (!statement) {
    return h(
      'div',
      { class: 'page check' },
      head,
      form,
      h('p', { class: 'notes' }, ctx.t('checkExamples')),
      h(
        'ul',
        { class: 'sentences check-examples' },
        EXAMPLES[lang].map((s) =>
          h('li', null, h('a', { href: ctx.link('check', undefined, { statement: s }) }, s)),
        ),
      ),
    );
  }
  let result: ClaimCheck;
  let name: Awaited<ReturnType<typeof partnerNames>>;
  let inText: Awaited<ReturnType<typeof partnerNamesInText>>;
  try {
    [result, name, inText] = await Promise.all([
      // The explanation, rule and reasons in the page's language (src/claims/explain-es.ts).
      apiGet('check', { statement, asOf, lang }),
      partnerNames(),
      // They name partners in English inside those sentences.
      partnerNamesInText(),
    ]);
  } catch (e) {
    // A refused statement or date is shown beside the form, so it can be corrected.
    if (e instanceof ApiError && e.status === 400)
      return h(
        'div',
        { class: 'page check' },
        head,
        form,
        h('p', { class: 'error-message', role: 'alert' }, e.message),
      );
    throw e;
  }
  const r = result;
  const partner = (p: PartnerRef) => name(lang, p.code, p.name);

  const verdictBadge = (v: Verdict, attrs: Record<string, string> = {}) =>
    h('span', { class: `verdict verdict-${v}`, ...attrs }, ctx.t(key('verdict', v)));

  const subject = (s: Subject): string => {
    const within = 'partner' in s && s.partner ? ` (${partner(s.partner)})` : '';
    switch (s.kind) {
      case 'partners':
        return s.partners.map(partner).join(' + ') || s.mention;
      case 'state':
      case 'port':
        return `${s.name ?? s.mention} (${s.code})${within}`;
      case 'border':
        return ctx.t(s.border === 'canada' ? 'canadaBorder' : 'mexicoBorder');
      case 'product':
        return `${s.code} ${s.description ?? ''}`.trim() + within;
      case 'unknown':
        return s.message ? `“${s.mention}”: ${s.message}` : s.mention;
      default:
        return s.mention;
    }
  };
  const flow = (f: string) =>
    ctx.t(
      ({ exports: 'exports', imports: 'imports', two_way: 'twoWay', balance: 'balance' }[f] ??
        'exports') as MessageKey,
    );
  const period = (p: Claim['period']): string =>
    p.kind === 'year'
      ? String(p.year)
      : p.kind === 'month'
        ? monthName(lang, p.month)
        : ctx.t('checkLatestPeriod');
  const amount = (value: string | number, unit: Unit): string => {
    const n = Number(value);
    switch (unit) {
      case 'usd':
        return money(lang, value);
      case 'percent':
        return pct(lang, n);
      case 'times':
        return `${ratio(lang, n)}×`;
      case 'rank':
        return `#${count(lang, n)}`;
      default:
        return count(lang, typeof value === 'number' ? Math.round(value) : value);
    }
  };
  const exact = (c: Computed): string =>
    c.unit === 'usd' && typeof c.value === 'string'
      ? moneyExact(lang, c.value)
      : c.unit === 'count'
        ? count(lang, c.value)
        : String(c.value);

  const facts = (rows: [string, Child][]) =>
    h(
      'dl',
      { class: 'facts-list' },
      rows
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
    );

  const partView = (c: Claim, i: number, n: number): HTMLElement => {
    const judged = r.parts[i];
    return h(
      'div',
      { class: 'check-part', 'data-part': i + 1 },
      n > 1
        ? h(
            'h4',
            null,
            ctx.t('checkPart', { n: i + 1 }),
            judged ? [' ', verdictBadge(judged.verdict)] : null,
          )
        : null,
      h('p', { class: 'check-said' }, `“${c.text}”`),
      facts([
        [ctx.t('checkMetric'), ctx.t(key('claim', c.kind))],
        [ctx.t('checkSubject'), subject(c.subject)],
        [ctx.t('flow'), [flow(c.flow), c.balance ? ` (${ctx.t(c.balance)})` : '']],
        [
          ctx.t('checkAgainst'),
          c.against
            ? `${subject(c.against)}${c.againstFlow ? ` · ${flow(c.againstFlow)}` : ''}`
            : '',
        ],
        [ctx.t('measure'), c.measure ?? ''],
        [ctx.t('checkPeriod'), period(c.period)],
        [ctx.t('checkSince'), c.since === null ? '' : String(c.since)],
        [ctx.t('checkPer'), c.per ? ctx.t(`per${cap(c.per)}` as MessageKey) : ''],
        [ctx.t('checkNext'), c.next === null ? '' : String(c.next)],
        [
          ctx.t('checkFigure'),
          h(
            'span',
            { 'data-role': 'asserted' },
            `“${c.figure.text}” → ${amount(c.figure.value, c.figure.unit)}`,
          ),
        ],
        [ctx.t('checkQualifier'), ctx.t(key('qual', c.qualifier))],
      ]),
      c.mirrored ? h('p', { class: 'notes' }, ctx.t('checkMirrored')) : null,
    );
  };

  const understood = h(
    'div',
    null,
    r.claim.parts.map((c, i) => partView(c, i, r.claim.parts.length)),
    r.claim.outOfScope
      ? h(
          'p',
          { class: 'check-scope', 'data-role': 'out-of-scope' },
          h('strong', null, `${ctx.t('checkOutOfScope')}: `),
          // A Spanish statement is explained in Spanish, its scope reason too.
          r.explanationLanguage === 'es' && r.claim.outOfScope.es
            ? r.claim.outOfScope.es.reason
            : r.claim.outOfScope.reason,
        )
      : null,
  );

  const computedRows = r.parts.flatMap((p) =>
    p.computed.map((c, j) => ({
      c,
      stated: j === 0 ? p.claim.figure : null,
      diff: j === 0 ? p.difference : null,
    })),
  );
  const computedTable = computedRows.length
    ? h(
        'table',
        { class: 'table check-computed' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', null, ''),
            h('th', { class: 'num' }, ctx.t('checkStated')),
            h('th', { class: 'num' }, ctx.t('checkComputed')),
            h('th', { class: 'num' }, ctx.t('checkExact')),
            h('th', { class: 'num' }, ctx.t('checkDifference')),
          ),
        ),
        h(
          'tbody',
          null,
          computedRows.map(({ c, stated, diff }) =>
            h(
              'tr',
              { 'data-computed': c.unit, 'data-value': String(c.value) },
              h('td', null, inText(lang, c.label)),
              h('td', { class: 'num' }, stated ? amount(stated.value, stated.unit) : ''),
              h('td', { class: 'num' }, amount(c.value, c.unit)),
              h('td', { class: 'num' }, exact(c)),
              h('td', { class: 'num' }, diff?.display ?? ''),
            ),
          ),
        ),
      )
    : h('p', { class: 'empty' }, ctx.t('checkNoComputed'));
  // Notes and nearby-year findings the explanation does not already say.
  const context = [
    ...new Set(r.parts.flatMap((p) => [...p.alternatives.map((a) => a.note), ...p.notes])),
  ].filter((n) => !r.explanation.includes(n));

  const work = h(
    'div',
    { class: 'check-work' },
    r.tolerance.length
      ? [
          h('h4', null, ctx.t('checkTolerance')),
          h(
            'ul',
            { class: 'sentences', 'data-role': 'tolerance' },
            r.tolerance.map((x) => h('li', null, x)),
          ),
        ]
      : null,
    h('h4', null, ctx.t('checkExplanation')),
    h('p', { class: 'check-explanation', 'data-role': 'explanation' }, inText(lang, r.explanation)),
    r.wouldDecide
      ? [
          h('h4', null, ctx.t('checkWouldDecide')),
          h('p', { 'data-role': 'would-decide' }, r.wouldDecide),
        ]
      : null,
    context.length
      ? h(
          'ul',
          { class: 'notes sentences' },
          context.map((n) => h('li', null, inText(lang, n))),
        )
      : null,
    r.query.length
      ? h(
          'details',
          { class: 'notes' },
          h('summary', null, ctx.t('checkQuery')),
          h(
            'ul',
            { class: 'sentences' },
            r.query.map((q) => h('li', null, h('code', null, q.call))),
          ),
        )
      : null,
  );

  // Sources and vintages beneath the figures, like every figure; nothing read, nothing named.
  const result_ = r.sources.length
    ? figure(lang, {
        id: 'claim-check',
        title: ctx.t('checkComputedTitle'),
        body: [computedTable, work],
        sources: r.sources,
        csv: {
          filename: 'claim-check.csv',
          columns: ['statement', 'as_of', 'verdict', 'label', 'unit', 'value', 'display'],
          rows: (r.computed.length ? r.computed : [null]).map((c) => [
            r.statement,
            r.asOf,
            r.verdict,
            c?.label,
            c?.unit,
            c === null ? null : String(c.value),
            c?.display,
          ]),
        },
      })
    : h(
        'section',
        { class: 'fig', 'data-figure': 'claim-check' },
        h('h3', null, ctx.t('checkComputedTitle')),
        computedTable,
        work,
      );

  return h(
    'div',
    { class: 'page check' },
    head,
    form,
    h(
      'section',
      { class: `check-verdict check-${r.verdict}`, 'data-verdict': r.verdict },
      h('span', { class: 'stat-label' }, ctx.t('checkVerdict')),
      verdictBadge(r.verdict, { 'data-role': 'verdict' }),
      h('blockquote', { lang: r.language }, r.statement),
      h(
        'p',
        { class: 'notes' },
        ctx.t('checkStatementSaid', { asOf: dayName(lang, r.asOf) }),
        ' · ',
        h('a', { href: apiUrl('check', { statement, asOf }) }, 'JSON'),
      ),
    ),
    h(
      'div',
      { class: 'grid check-grid' },
      h(
        'section',
        { class: 'fig', 'data-figure': 'claim' },
        h('h3', null, ctx.t('checkUnderstood')),
        understood,
      ),
      result_,
    ),
  );
}

function checkForm(ctx: Ctx, statement: string, asOf: string): HTMLElement {
  const text = h(
    'textarea',
    { name: 'statement', 'data-control': 'statement', rows: 3, maxlength: 1000, required: true },
    statement,
  );
  const date = h('input', { type: 'date', name: 'asOf', 'data-control': 'asOf', value: asOf });
  const form = h(
    'form',
    { class: 'check-form' },
    h('label', { class: 'check-text' }, h('span', null, ctx.t('checkStatement')), text),
    h('label', null, h('span', null, ctx.t('checkAsOf')), date),
    h('button', { type: 'submit' }, ctx.t('checkSubmit')),
  );
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const s = text.value.trim();
    if (!s) return;
    ctx.go(ctx.link('check', undefined, { statement: s, asOf: date.value }));
  });
  return form;
}
