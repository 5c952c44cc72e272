import type { z } from 'zod';

/** What this module reads of a zod 4 schema's definition (zod's own types make the walk verbose). */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  in?: z.ZodType;
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * The keys an object may have at `path` of `schema`, for the "did you mean" of an unknown key. `value` is the
 * object as written (a union picks its option by the discriminator, e.g. a source's `type`); undefined when
 * the path leads to no object schema.
 */
export function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[], value: unknown): string[] | undefined {
  const objects = objectsAt(schema, path, 0);
  const picked = objects.filter((o) => matchesDiscriminator(o, value));
  const keys = new Set((picked.length > 0 ? picked : objects).flatMap((o) => Object.keys(defOf(o).shape ?? {})));
  return objects.length > 0 ? [...keys] : undefined;
}

function objectsAt(schema: z.ZodType, path: readonly PropertyKey[], depth: number): z.ZodType[] {
  if (depth > 64) return [];
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return def.innerType ? objectsAt(def.innerType, path, depth + 1) : [];
    case 'pipe':
      return def.in ? objectsAt(def.in, path, depth + 1) : [];
    case 'lazy':
      return def.getter ? objectsAt(def.getter(), path, depth + 1) : [];
    case 'union':
      return (def.options ?? []).flatMap((o) => objectsAt(o, path, depth + 1));
    default:
      break;
  }
  if (path.length === 0) return def.type === 'object' ? [schema] : [];
  const [head, ...rest] = path;
  if (def.type === 'object') {
    const child = def.shape?.[String(head)];
    return child ? objectsAt(child, rest, depth + 1) : [];
  }
  if (def.type === 'array' && def.element) return objectsAt(def.element, rest, depth + 1);
  if (def.type === 'record' && def.valueType) return objectsAt(def.valueType, rest, depth + 1);
  return [];
}

/** An object option of a discriminated union fits `value` when its literal discriminator equals the value's. */
function matchesDiscriminator(object: z.ZodType, value: unknown): boolean {
  const shape = defOf(object).shape ?? {};
  if (value === null || typeof value !== 'object') return true;
  for (const [key, field] of Object.entries(shape)) {
    const def = defOf(field) as Def & { values?: unknown[] };
    if (def.type !== 'literal' || !Array.isArray(def.values)) continue;
    const written = (value as Record<string, unknown>)[key];
    if (written !== undefined && !def.values.includes(written)) return false;
  }
  return true;
}
