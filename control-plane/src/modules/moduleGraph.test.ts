// Unit: the modules' import graph, read from the source. Modules are layered: each imports only modules
// below it, so the graph has no cycle, and each states in its README.md what it owns and may import.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const modulesDir = path.dirname(new URL(import.meta.url).pathname);
const modules = readdirSync(modulesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const isTestCode = (file: string) => file.endsWith('.test.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !isTestCode(entry.name) ? [full] : [];
  });
}

/** module -> the modules its production code imports, with one importing file as the evidence. */
function moduleGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>(modules.map((name) => [name, new Map()]));
  for (const from of modules) {
    for (const file of sourceFiles(path.join(modulesDir, from))) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
        const target = path.relative(modulesDir, path.resolve(path.dirname(file), specifier!)).split(path.sep)[0]!;
        if (target !== from && graph.has(target)) graph.get(from)!.set(target, path.relative(modulesDir, file));
      }
    }
  }
  return graph;
}

/** Each cycle once, as the path that closes it (a -> b -> a), by depth-first search. */
function cycles(graph: Map<string, Map<string, string>>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (name: string, trail: string[]) => {
    state.set(name, 'open');
    for (const [next, evidence] of graph.get(name) ?? []) {
      if (state.get(next) === 'open')
        found.push([...trail.slice(trail.indexOf(next)), next].join(' -> ') + ` (${name} imports it in ${evidence})`);
      else if (!state.has(next)) visit(next, [...trail, next]);
    }
    state.set(name, 'done');
  };
  for (const name of graph.keys()) if (!state.has(name)) visit(name, [name]);
  return found;
}

describe('the modules of the control plane', () => {
  it('import each other without a cycle', () => {
    expect(cycles(moduleGraph())).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['a', new Map([['b', 'a/x.ts']])],
      ['b', new Map([['c', 'b/y.ts']])],
      ['c', new Map([['a', 'c/z.ts']])],
    ]);
    expect(cycles(graph)).toEqual(['a -> b -> c -> a (c imports it in c/z.ts)']);
  });

  it('keep their routes thin: no route file queries the database itself (services do)', () => {
    const routeFiles = modules.flatMap((name) => sourceFiles(path.join(modulesDir, name))).filter((file) => file.endsWith('.routes.ts'));
    expect(routeFiles.length).toBeGreaterThan(10);
    const query =
      /\b(?:db|prisma|tx)\.(?:\$queryRaw|\$executeRaw|\w+\.(?:find\w*|create\w*|update\w*|delete\w*|upsert|count|aggregate|groupBy))\(/;
    expect(routeFiles.filter((file) => query.test(readFileSync(file, 'utf8'))).map((file) => path.relative(modulesDir, file))).toEqual([]);
  });

  it('each say in a README.md what they own and which modules they may import, and import no other', () => {
    const graph = moduleGraph();
    for (const name of modules) {
      const readme = path.join(modulesDir, name, 'README.md');
      expect(existsSync(readme), `${name}/README.md`).toBe(true);
      const mayImport = /^May import: (.*)$/m.exec(readFileSync(readme, 'utf8'))?.[1];
      expect(mayImport, `${name}/README.md has a "May import:" line`).toBeDefined();
      const allowed = new Set(
        mayImport === 'nothing else' ? [] : mayImport!.split(',').map((entry) => entry.trim().replace(/`/g, '').replace(/\.$/, '')),
      );
      const imported = [...graph.get(name)!.keys()];
      expect(
        imported.filter((target) => !allowed.has(target)),
        `${name} imports modules its README does not allow`,
      ).toEqual([]);
    }
  });
});
