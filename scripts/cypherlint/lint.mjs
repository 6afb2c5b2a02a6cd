#!/usr/bin/env node
// cypherlint parses and semantically analyses every Cypher file of the Neo4j
// store (graph/neo4j/queries/*.cypher) with Neo4j's own language support
// (@neo4j-cypher/language-support, the library behind the Neo4j VS Code
// extension), and prints one line per problem:
//
//	graph/neo4j/queries/load_edges.cypher:2:9: error: Variable `x` not defined
//
// It exits 1 if any file has an error, 0 otherwise. Run it from anywhere in
// the repository after `npm ci`:
//
//	node scripts/cypherlint/lint.mjs [--strict] [file.cypher ...]
//
// The schema it checks against is gapmap's model, read from the Go domain
// package: the node labels (graph.NodeType constants), the relationship types
// (graph.EdgeType constants) and the property keys (the json tags of the graph
// types), plus the store's own labels and properties. A label, relationship
// type or property key outside that schema is a typo, so it is an error here
// although the library reports it as a warning. Other warnings (deprecations,
// performance hints) are printed and are fatal only with --strict. Every file
// is checked as Cypher 5 and as Cypher 25; a problem found only by the second
// is prefixed with "CYPHER 25:".
//
// Parameters ($rows, $id) are not declared to the linter, so its "Parameter
// $x is not defined" errors are dropped: graph/neo4j's queries_test.go checks
// that the parameters of each file are exactly those the Go code passes.
//
// Each file must hold exactly one statement: the Go code runs a file as one
// statement.

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const { isNotParamError, lintCypherQuery, parseStatementsStrs } = await loadLanguageSupport();

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const queriesDir = join(root, 'graph', 'neo4j', 'queries');

// The store's own labels and properties, beside the domain's (see
// graph/neo4j/store.go): the meta node that holds the landscape version and
// the time it changed, the records of applied migrations, the label every
// landscape node carries, the revisions of the history (graph/neo4j/history.go), and the accounts
// and their failed sign-ins (graph/neo4j/auth_mapping.go, auth_failures.go);
// _LOCK_ is set and removed in one statement to take a node's write lock.
const storeLabels = ['Node', 'GapmapMeta', 'GapmapMigration', 'GapmapRevision',
  'GapmapUser', 'GapmapSession', 'GapmapToken', 'GapmapLoginFailures'];
const storeProperties = ['id', 'version', 'changed', 'name', 'applied_at',
  'node_id', 'landscape_version', 'time', 'actor', 'reason', 'before', 'after', 'edges_before', 'edges_after',
  'email', 'org_id', 'role', 'disabled', 'password_hash', 'created', 'id_hash', 'user_id', 'expires',
  'last_seen', 'hash', 'last_used', 'revoked', 'key', 'times', '_LOCK_'];

// cypherVersions are the Cypher versions every file must be valid in: Cypher
// 5, the language of Neo4j 5, and Cypher 25, which Neo4j 2025 servers may be
// configured to default to.
const cypherVersions = ['CYPHER 5', 'CYPHER 25'];

const severityError = 1;
const severityWarning = 2;

// schemaProblem matches the warnings that mean a label, relationship type or
// property key is outside the schema.
const schemaProblem = / is not present in the database\./;

function main(args) {
  const strict = args.includes('--strict');
  const named = args.filter((a) => !a.startsWith('--'));
  const files = named.length > 0
    ? named.map((f) => resolve(f))
    : readdirSync(queriesDir).filter((f) => f.endsWith('.cypher')).sort().map((f) => join(queriesDir, f));
  if (files.length === 0) {
    console.error(`cypherlint: no .cypher files in ${relative(process.cwd(), queriesDir)}`);
    return 1;
  }
  const schema = loadSchema();
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    for (const p of lintFile(file, schema)) {
      const fatal = p.error || strict;
      if (fatal) errors++;
      else warnings++;
      console.log(`${relative(root, file)}:${p.line}:${p.column}: ${p.error ? 'error' : 'warning'}: ${p.message}`);
    }
  }
  const summary = `cypherlint: ${files.length} files, ${errors} errors, ${warnings} warnings`;
  if (errors > 0) {
    console.error(summary);
    return 1;
  }
  console.log(summary);
  return 0;
}

// lintFile returns the problems of one file: {line, column, error, message},
// with 1-based lines and columns.
function lintFile(file, schema) {
  const text = readFileSync(file, 'utf8');
  const statements = parseStatementsStrs(text).filter((s) => stripComments(s).trim() !== '');
  if (statements.length !== 1) {
    return [{ line: 1, column: 1, error: true,
      message: `holds ${statements.length} statements; each file must hold exactly one` }];
  }
  const problems = [];
  const seen = new Set();
  for (const version of cypherVersions) {
    const { diagnostics } = lintCypherQuery(text, { ...schema, defaultLanguage: version },
      { consoleCommandsEnabled: false });
    for (const d of diagnostics.filter(isNotParamError)) {
      const p = {
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        error: d.severity === severityError ||
          (d.severity === severityWarning && schemaProblem.test(d.message)) ||
          d.severity === undefined,
        message: d.message.replace(/\s+/g, ' ').trim(),
      };
      const key = `${p.line}:${p.column}:${p.error}:${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (version !== cypherVersions[0]) p.message = `${version}: ${p.message}`;
      problems.push(p);
    }
  }
  return problems;
}

function stripComments(s) {
  return s.replace(/\/\/[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
}

// loadSchema reads gapmap's graph model from the Go domain package.
function loadSchema() {
  const graphDir = join(root, 'graph');
  const sources = readdirSync(graphDir)
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
    .map((f) => readFileSync(join(graphDir, f), 'utf8'))
    .join('\n');
  const labels = matchAll(sources, /\bNodeType\s*=\s*"(\w+)"/g);
  const relationshipTypes = matchAll(sources, /\bEdgeType\s*=\s*"(\w+)"/g);
  const propertyKeys = matchAll(sources, /json:"(\w+)[,"]/g);
  if (labels.length === 0 || relationshipTypes.length === 0 || propertyKeys.length === 0) {
    throw new Error(`cypherlint: cannot read the graph model from ${relative(process.cwd(), graphDir)}`);
  }
  return {
    labels: [...labels, ...storeLabels],
    relationshipTypes,
    propertyKeys: [...new Set([...propertyKeys, ...storeProperties])],
  };
}

function matchAll(text, re) {
  return [...new Set([...text.matchAll(re)].map((m) => m[1]))];
}

// loadLanguageSupport imports the library, explaining how to get it when it
// is missing.
async function loadLanguageSupport() {
  try {
    return await import('@neo4j-cypher/language-support');
  } catch (err) {
    console.error(`cypherlint: cannot load @neo4j-cypher/language-support (${err.message}); run \`npm ci\` in the repository root first`);
    process.exit(2);
  }
}

process.exitCode = main(process.argv.slice(2));
