// Builds the dashboard into dist/web: index.html + assets/ with content-hashed names.
// Run by `npm run build` and `prepare`; needs only esbuild and the npm packages in node_modules.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoPath } from 'd3-geo';
import * as esbuild from 'esbuild';
import { feature, mesh } from 'topojson-client';
import { USPS_BY_FIPS } from './state-fips.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'dist', 'web');
const assets = join(out, 'assets');
const require = createRequire(import.meta.url);

const hash = (data) => createHash('sha256').update(data).digest('hex').slice(0, 10);

/**
 * The border map's base layer, cut at build time from world-atlas (Natural Earth 1:50m) and
 * us-atlas (Census 1:10m state lines) to the part of North America the ports sit in, so the
 * browser loads one small JSON file and no topojson code.
 */
async function baseMap() {
  const world = JSON.parse(
    await readFile(require.resolve('world-atlas/countries-50m.json'), 'utf8'),
  );
  const us = JSON.parse(await readFile(require.resolve('us-atlas/states-10m.json'), 'utf8'));
  const keep = new Set(['840', '124', '484', '192', '044', '320', '084', '340', '222', '304']);
  const box = { x0: -172, x1: -50, y0: 12, y1: 72 };
  const round = (ring) => {
    const r = [];
    for (const [x, y] of ring) {
      const p = [Math.round(x * 100) / 100, Math.round(y * 100) / 100];
      const last = r.at(-1);
      if (!last || last[0] !== p[0] || last[1] !== p[1]) r.push(p);
    }
    return r;
  };
  const inBox = (ring) =>
    ring.some(([x, y]) => x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1);
  const countries = feature(world, world.objects.countries)
    .features.filter((f) => keep.has(String(f.id)))
    .map((f) => {
      const polys =
        f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const kept = polys
        .filter((p) => inBox(p[0]))
        .map((p) => p.map(round).filter((ring) => ring.length >= 4));
      return {
        type: 'Feature',
        id: String(f.id),
        properties: { name: f.properties.name },
        geometry: { type: 'MultiPolygon', coordinates: kept.filter((p) => p.length > 0) },
      };
    });
  const states = mesh(us, us.objects.states, (a, b) => a !== b);
  return {
    type: 'FeatureCollection',
    features: [
      ...countries,
      {
        type: 'Feature',
        id: 'us-states',
        properties: { name: 'US state lines' },
        geometry: { type: 'MultiLineString', coordinates: states.coordinates.map(round) },
      },
    ],
  };
}

/**
 * The tariff page's state choropleth: us-atlas's states already projected (Albers USA with the
 * Alaska and Hawaii insets, 975×610), cut at build time into one SVG path per state keyed by
 * USPS code, so the browser needs neither topojson nor a projection. Points are rounded to half
 * a pixel — the same rounding on both sides of a shared border, so neighbours still meet.
 */
async function usStates() {
  const us = JSON.parse(await readFile(require.resolve('us-atlas/states-albers-10m.json'), 'utf8'));
  const round = (ring) => {
    const r = [];
    for (const [x, y] of ring) {
      const p = [Math.round(x * 2) / 2, Math.round(y * 2) / 2];
      const last = r.at(-1);
      if (!last || last[0] !== p[0] || last[1] !== p[1]) r.push(p);
    }
    return r;
  };
  const path = geoPath().digits(1);
  const states = feature(us, us.objects.states).features.map((f) => {
    const usps = USPS_BY_FIPS[String(f.id)];
    if (!usps) throw new Error(`web build: no USPS code for state FIPS ${f.id}`);
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const coordinates = polys
      .map((p) => p.map(round).filter((ring) => ring.length >= 4))
      .filter((p) => p.length > 0);
    return { id: usps, name: f.properties.name, d: path({ type: 'MultiPolygon', coordinates }) };
  });
  return { width: 975, height: 610, states };
}

export async function buildWeb() {
  await rm(out, { recursive: true, force: true });
  await mkdir(assets, { recursive: true });

  const map = JSON.stringify(await baseMap());
  const mapName = `base-map-${hash(map)}.json`;
  await writeFile(join(assets, mapName), map);
  const states = JSON.stringify(await usStates());
  const statesName = `us-states-${hash(states)}.json`;
  await writeFile(join(assets, statesName), states);

  const result = await esbuild.build({
    entryPoints: { main: join(here, 'src', 'main.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    outdir: assets,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    define: {
      __BASE_MAP_URL__: JSON.stringify(`/assets/${mapName}`),
      __US_STATES_URL__: JSON.stringify(`/assets/${statesName}`),
    },
    logLevel: 'warning',
  });
  const outputs = Object.entries(result.metafile.outputs);
  const entry = outputs.find(([, o]) => o.entryPoint?.endsWith('main.ts'));
  if (!entry) throw new Error('web build: no main entry in the output');
  const js = `/${relative(out, entry[0])}`;
  const css = entry[1].cssBundle ? `/${relative(out, entry[1].cssBundle)}` : undefined;

  const template = await readFile(join(here, 'index.html'), 'utf8');
  const html = template
    .replace('<!--CSS-->', css ? `<link rel="stylesheet" href="${css}">` : '')
    .replace(
      '<!--JS-->',
      [
        `<script type="module" src="${js}"></script>`,
        // The chunks the entry imports statically load in parallel with it, not after it.
        ...entry[1].imports
          .filter((i) => i.kind === 'import-statement')
          .map((i) => `<link rel="modulepreload" href="/${relative(out, i.path)}">`),
      ].join('\n    '),
    );
  await writeFile(join(out, 'index.html'), html);
  return { js, css, files: outputs.map(([f, o]) => ({ file: relative(out, f), bytes: o.bytes })) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t = performance.now();
  const r = await buildWeb();
  const total = r.files.reduce((a, f) => a + f.bytes, 0);
  console.log(
    `web: ${r.files.length} files, ${(total / 1024).toFixed(0)} KiB → dist/web (${(performance.now() - t).toFixed(0)} ms)`,
  );
}
