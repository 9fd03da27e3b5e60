// Lint Cypher statements with Neo4j's own parser (@neo4j-cypher/language-support).
//
// Reads a JSON array of statements on stdin; writes a JSON array with one entry per
// statement: the list of diagnostics (severity 1 = error, 2 = warning) the parser reports.
// Used by tests/cypher_lint.py to check every statement kg's Neo4j writer can send.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const statements = JSON.parse(Buffer.concat(chunks).toString('utf8'));
// Parameters the writer uses are declared so that "parameter not defined" is not reported.
const dbSchema = { parameters: { rows: [] } };
const out = statements.map((query) =>
  lintCypherQuery(query, dbSchema).diagnostics.map((d) => ({
    severity: d.severity,
    message: d.message,
    offsets: d.offsets,
  })),
);
process.stdout.write(JSON.stringify(out));
