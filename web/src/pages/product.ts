import { apiGet } from '../api.ts';
import { barChart } from '../charts/bar-chart.ts';
import { partnerColor } from '../charts/colors.ts';
import { splitBar } from '../charts/split-bar.ts';
import { controls, pageHead, textForm, type Ctx } from '../context.ts';
import { partnerNames } from '../names.ts';
import { clip, h } from '../dom.ts';
import { figure } from '../figure.ts';
import { money, moneyShort, monthName, pct } from '../format.ts';
import type { MessageKey } from '../i18n.ts';
import { chapterName, endUseName, SECTIONS } from '../labels.ts';
import { TB } from './shared.ts';

const FLOW_KEY: Record<string, MessageKey> = {
  export: 'flowExport',
  import_general: 'flowImport_general',
  import_consumption: 'flowImport_consumption',
};

/** An HS product: what it is, its end use, and the trade data loaded for it by partner. */
export async function productPage(ctx: Ctx): Promise<Node> {
  const { lang } = ctx;
  const arg = ctx.route.arg!;
  const [pr, names] = await Promise.all([
    apiGet(`profile/product/${encodeURIComponent(arg)}`),
    partnerNames(),
  ]);
  const pName = (p: { code: string; name: string }) => names(lang, p.code, p.name);
  const code = pr.product.code;
  const flowName = (f: string) => (FLOW_KEY[f] ? ctx.t(FLOW_KEY[f]!) : f);
  const section = pr.section ? SECTIONS.find((s) => s.code === pr.section!.code) : undefined;

  const about = figure(lang, {
    id: 'product-about',
    title: `${lang === 'es' ? 'SA' : 'HS'} ${code}`,
    wide: true,
    body: h(
      'div',
      { class: 'about' },
      lang === 'es' && pr.product.descriptionEs
        ? [
            h('p', { class: 'description', lang: 'es' }, pr.product.descriptionEs),
            h('p', { class: 'fig-note', 'data-note': 'eu-cn' }, ctx.t('euCnWording')),
          ]
        : h('p', { class: 'description', lang: 'en' }, pr.product.description ?? '—'),
      h(
        'dl',
        { class: 'facts-list' },
        pr.section
          ? [
              h('dt', null, ctx.t('section')),
              h(
                'dd',
                null,
                `${pr.section.code} — ${section ? section.name[lang === 'en' ? 0 : 1] : (pr.section.name ?? '')}`,
              ),
            ]
          : null,
        pr.chapter
          ? [
              h('dt', null, ctx.t('chapter')),
              h(
                'dd',
                null,
                h(
                  'a',
                  { href: ctx.link('product', pr.chapter.code) },
                  `${pr.chapter.code} — ${chapterName(lang, pr.chapter.code, pr.chapter.description)}`,
                ),
              ),
            ]
          : null,
      ),
      pr.endUse && pr.endUse.classes.length > 0
        ? h(
            'div',
            null,
            h(
              'h4',
              null,
              `${ctx.t('productEndUse')} · ${ctx.t('subheadings', { n: pr.endUse.subheadings })}`,
            ),
            splitBar(
              pr.endUse.classes.map((c) => ({
                key: c.endUse,
                label: endUseName(lang, c.endUse),
                value: c.share,
                display: ctx.t('subheadings', { n: c.subheadings }),
                share: pct(lang, c.share),
              })),
            ),
          )
        : null,
    ),
    sources: pr.sources,
    only: [
      'hs-nomenclature',
      'hs-sections',
      'hs-bec-concordance',
      'bec-end-use',
      'bec-categories',
      'eu-cn-names',
    ],
    csv: {
      filename: `product-${code}-end-use.csv`,
      columns: ['hs_code', 'end_use', 'subheadings', 'share_pct'],
      rows: (pr.endUse?.classes ?? []).map((c) => [code, c.endUse, c.subheadings, c.share]),
    },
  });

  const figures: HTMLElement[] = [about];
  if (pr.census.length > 0) {
    const first = pr.census[0]!;
    const period =
      first.periodStart === first.periodEnd
        ? first.periodStart
        : `${first.periodStart} – ${first.periodEnd}`;
    const rows = [...pr.census].sort((a, b) => Number(BigInt(b.valueUsd) - BigInt(a.valueUsd)));
    figures.push(
      figure(lang, {
        id: 'product-census',
        title: ctx.t('productCensusTitle', { code, period }),
        body: h(
          'div',
          null,
          barChart(
            rows.map((r, i) => ({
              key: `${r.partner.code}-${r.flow}`,
              label: pName(r.partner),
              sub: flowName(r.flow),
              value: Number(r.valueUsd),
              display: money(lang, r.valueUsd),
              short: moneyShort(lang, r.valueUsd),
              href: ctx.link('partner', r.partner.code),
              color: partnerColor(r.partner.code, i),
            })),
          ),
          rows.some((r) => r.dutyUsd !== null)
            ? h(
                'p',
                { class: 'fig-note' },
                `${ctx.t('duty')}: `,
                rows
                  .filter((r) => r.dutyUsd !== null)
                  .map((r) => `${pName(r.partner)} ${money(lang, r.dutyUsd)}`)
                  .join(' · '),
              )
            : null,
        ),
        sources: pr.sources,
        only: ['census-api-hs', 'census-api-json'],
        csv: {
          filename: `product-${code}-census.csv`,
          columns: [
            'hs_code',
            'partner_code',
            'flow',
            'period_start',
            'period_end',
            'value_usd',
            'duty_usd',
            'level',
            'lines',
          ],
          rows: rows.map((r) => [
            code,
            r.partner.code,
            r.flow,
            r.periodStart,
            r.periodEnd,
            r.valueUsd,
            r.dutyUsd,
            r.level,
            r.lines,
          ]),
        },
      }),
    );
  }
  if (pr.transborder && pr.transborder.rows.length > 0) {
    const tb = pr.transborder;
    figures.push(
      figure(lang, {
        id: 'product-transborder',
        title: ctx.t('productTbTitle', { hs2: tb.hs2, month: monthName(lang, tb.month) }),
        body: barChart(
          tb.rows.map((r, i) => ({
            key: `${r.partner.code}-${r.flow}`,
            label: pName(r.partner),
            sub: flowName(r.flow),
            value: Number(r.valueUsd),
            display: money(lang, r.valueUsd),
            short: moneyShort(lang, r.valueUsd),
            href: ctx.link('partner', r.partner.code),
            color: partnerColor(r.partner.code, i),
          })),
        ),
        sources: pr.sources,
        only: TB,
        csv: {
          filename: `product-${tb.hs2}-transborder-${tb.month}.csv`,
          columns: ['hs2', 'month', 'partner_code', 'flow', 'value_usd'],
          rows: tb.rows.map((r) => [tb.hs2, tb.month, r.partner.code, r.flow, r.valueUsd]),
        },
      }),
    );
  }
  const title =
    pr.chapter && pr.product.level === 2
      ? chapterName(lang, code, pr.product.description ?? '')
      : lang === 'es' && pr.product.descriptionEs
        ? pr.product.descriptionEs
        : (pr.product.description ?? '');
  return h(
    'div',
    { class: 'page product' },
    pageHead(
      `${ctx.t('productTitle', { code })}: ${clip(title, 90)}`,
      undefined,
      controls(
        textForm(ctx.t('productPick'), 'product', arg, ctx.t('go'), (v) =>
          ctx.go(ctx.link('product', v)),
        ),
      ),
    ),
    h('div', { class: 'grid' }, figures),
  );
}
