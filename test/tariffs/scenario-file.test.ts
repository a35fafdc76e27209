import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exampleScenarioText, parseScenarioText } from '../../src/tariffs/scenario-file.ts';
import { EXAMPLE_SCENARIO, parseScenario, ScenarioError } from '../../src/tariffs/scenario-spec.ts';
import { fixtureCopy } from '../fixture-database.ts';
import { runCli, scratch } from '../helpers.ts';
import { TARIFF_FILES } from './tariff-fixture.ts';

const YAML = `# Tariffs on North America, 2024 trade
name: North America +25%
year: 2024
layers:
  - label: +25% on Mexico and Canada, USMCA goods exempt
    partners: [mexico, canada]
    ratePct: 25
    exempt: [usmca_claimed]
  - kind: section232
    ratePct: 50
`;

describe('scenario files in YAML or JSON', () => {
  it('reads the example in both formats to the same scenario', () => {
    const expected = parseScenario(EXAMPLE_SCENARIO);
    assert.deepEqual(parseScenarioText(exampleScenarioText('yaml'), 'x.yaml'), expected);
    assert.deepEqual(parseScenarioText(exampleScenarioText('json'), 'x.json'), expected);
    assert.match(exampleScenarioText('yaml'), /^# A Frontera tariff scenario/);
  });

  it('reads a hand-written YAML file with comments and flow lists', () => {
    const s = parseScenarioText(YAML, 'na.yaml');
    assert.equal(s.name, 'North America +25%');
    assert.equal(s.layers.length, 2);
    assert.deepEqual(s.layers[0]?.partners, ['mexico', 'canada']);
    assert.equal(s.layers[1]?.kind, 'section232');
  });

  it('names file, line, column, field and value for a bad field', () => {
    const bad = YAML.replace('ratePct: 25', 'ratePct: lots');
    assert.throws(
      () => parseScenarioText(bad, 'na.yaml'),
      (e: Error) =>
        e instanceof ScenarioError &&
        e.message.includes('na.yaml:7:14') &&
        e.message.includes('layers.0.ratePct') &&
        e.message.includes('(found "lots")'),
    );
  });

  it('points a missing field at the object that lacks it', () => {
    const bad = YAML.replace('    ratePct: 50\n', '    materials: [steel]\n');
    assert.throws(
      () => parseScenarioText(bad, 'na.yaml'),
      (e: Error) => e.message.includes('na.yaml:9:') && e.message.includes('layers.1'),
    );
  });

  it('gives the line of a JSON syntax error, not a character offset', () => {
    const json = JSON.stringify(EXAMPLE_SCENARIO, null, 2).replace(
      '"year": 2024,',
      '"year": 2024,,',
    );
    assert.throws(
      () => parseScenarioText(json, 's.json'),
      (e: Error) => /s\.json:3:\d+: not YAML or JSON/.test(e.message),
    );
  });

  it('refuses duplicate keys rather than silently keeping one', () => {
    assert.throws(
      () => parseScenarioText('year: 2024\nyear: 2025\nlayers: []\n', 'd.yaml'),
      /d\.yaml:2:1/,
    );
  });
});

describe('frontera tariff scenario with a YAML file', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let db: string;
  before(async () => {
    ({ dir, cleanup } = await scratch());
    // A copy of the tariff suites' shared database (the same files, built once per run), not
    // another ingest of them.
    db = await fixtureCopy(TARIFF_FILES, dir);
  });
  after(() => cleanup());

  it('gives the same result from the YAML and the JSON form of a scenario', async () => {
    const yaml = join(dir, 'na.yaml');
    const json = join(dir, 'na.json');
    await writeFile(yaml, YAML);
    await writeFile(json, JSON.stringify(parseScenarioText(YAML, 'na.yaml')));
    const a = await runCli(db, 'tariff', 'scenario', yaml, '--csv');
    const b = await runCli(db, 'tariff', 'scenario', json, '--csv');
    assert.equal(a.code, 0, a.err);
    assert.equal(a.out, b.out);
    const mx = a.out.split('\n').find((l) => l.includes(',partner,2010,'));
    assert.ok(mx, 'a partner row for Mexico');
    assert.ok(Number(mx.split(',')[8]) > 0, 'added duty on Mexico');
  });

  it('prints the example as YAML by default, and fails on a bad file with its line', async () => {
    const ex = await runCli(db, 'tariff', 'scenario', '--example');
    assert.equal(ex.code, 0);
    assert.match(ex.out, /^layers:/m);
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, YAML.replace('ratePct: 50', 'ratePct: -5'));
    const r = await runCli(db, 'tariff', 'scenario', bad);
    assert.notEqual(r.code, 0);
    assert.match(r.err, /bad\.yaml:10:14: layers\.1\.ratePct/);
  });
});
