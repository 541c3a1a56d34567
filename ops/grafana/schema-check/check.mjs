// Checks every dashboard in ops/grafana against Grafana's dashboard schema as @grafana/schema publishes it: the
// TypeScript types generated from Grafana's dashboard kind (its CUE schema), in the release whose default
// schemaVersion is the one the dashboards declare (pinned in package.json). Each dashboard's JSON becomes a TypeScript
// expression checked with `satisfies Dashboard` under strict settings, so a missing required field, a field of the
// wrong type, a value outside an enumeration (variable types, refresh modes, …) or a misspelt field in an object
// literal is an error naming the file and line. Prints one line per dashboard and "N passed, M failed"; exits 1 on
// any failure.
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const ts = require('typescript');
const { defaultDashboard } = require('@grafana/schema');
const schemaPackage = require('@grafana/schema/package.json');
const folder = process.argv[2] ?? join(here, '..');
const dashboards = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
if (dashboards.length === 0) {
  console.error(`no dashboards (*.json) in ${folder}`);
  process.exit(1);
}

let passed = 0;
let failed = 0;
const work = mkdtempSync(join(here, '.check-'));
try {
  for (const file of dashboards) {
    const text = readFileSync(join(folder, file), 'utf8');
    const problems = [];
    let declared;
    try {
      declared = JSON.parse(text).schemaVersion;
    } catch (e) {
      problems.push(`not JSON: ${e.message}`);
    }
    if (problems.length === 0 && declared !== defaultDashboard.schemaVersion) {
      problems.push(`declares schemaVersion ${JSON.stringify(declared)}, but the pinned schema (@grafana/schema ${schemaPackage.version}) is for schemaVersion ${defaultDashboard.schemaVersion}`);
    }
    if (problems.length === 0) {
      // Line 1 is the import, so line n of the dashboard is line n + 1 of the checked file.
      const source = join(work, file.replace(/\.json$/, '.ts'));
      writeFileSync(source, `import type { Dashboard } from '@grafana/schema';\nexport const dashboard = ${text.trimEnd()} satisfies Dashboard;\n`);
      const program = ts.createProgram([source], {
        strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [],
      });
      for (const d of ts.getPreEmitDiagnostics(program)) {
        const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
        if (d.file && d.start !== undefined) {
          const { line } = d.file.getLineAndCharacterOfPosition(d.start);
          problems.push(`line ${line}: ${message}`);
        } else {
          problems.push(message);
        }
      }
    }
    if (problems.length === 0) {
      passed++;
      console.log(`${file}: conforms to Grafana's dashboard schema ${defaultDashboard.schemaVersion} (@grafana/schema ${schemaPackage.version})`);
    } else {
      failed++;
      console.log(`${file}: FAILED`);
      for (const p of problems) console.log(`  ${p}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
