import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string };
  command?: string[];
  environment: Record<string, string>;
  volumes: string[];
  depends_on?: Record<string, unknown>;
}

export class ComposeInterpolationError extends Error {}

const variable = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Compose's variable substitution: `$$` is a literal `$`; `${VAR}` and `$VAR` are empty when unset;
 * `${VAR:-default}` uses the default when unset or empty, `${VAR-default}` only when unset;
 * `${VAR:?message}` / `${VAR?message}` refuse to start; `${VAR:+alt}` / `${VAR+alt}` substitute alt when set.
 */
export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(variable, (whole, name?: string, colon?: string, operator?: string, operand?: string, bareName?: string) => {
    if (whole === '$$') return '$';
    if (bareName) return env[bareName] ?? '';
    const value = env[name!];
    const set = colon ? value !== undefined && value !== '' : value !== undefined;
    switch (operator) {
      case '-':
        return set ? value! : operand!;
      case '?':
        if (!set) throw new ComposeInterpolationError(`${name}: ${operand}`);
        return value!;
      case '+':
        return set ? operand! : '';
      default:
        return value ?? '';
    }
  });
}

function interpolateAll(node: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((item) => interpolateAll(item, env));
  if (node && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolateAll(value, env)]));
  return node;
}

/** `environment:` as a map or as a list of KEY=value; values as the container sees them (strings). */
function environmentOf(raw: unknown): Record<string, string> {
  if (Array.isArray(raw)) {
    return Object.fromEntries(raw.map((entry: string) => [entry.split('=')[0]!, entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(
    Object.entries((raw ?? {}) as Record<string, unknown>).map(([key, value]) => [key, value === null ? '' : String(value)]),
  );
}

/** The services of a compose file as `docker compose config` would resolve them for this environment. */
export function loadComposeServices(file: string, env: Record<string, string | undefined>): Record<string, ComposeService> {
  const document = interpolateAll(parse(readFileSync(file, 'utf8'), { merge: true }), env) as {
    services: Record<string, Record<string, unknown>>;
  };
  return Object.fromEntries(
    Object.entries(document.services).map(([name, service]) => [
      name,
      { ...service, environment: environmentOf(service.environment), volumes: (service.volumes ?? []) as string[] } as ComposeService,
    ]),
  );
}
