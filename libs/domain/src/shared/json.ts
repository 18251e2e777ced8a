/** A value as JSON carries it: what a correction (E50) says it replaces, and what replaces it. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A field of an event's data, as a dotted path: `title`, `period.to`, `results.0.label`. */
export const FIELD_PATH = /^[A-Za-z][A-Za-z0-9]*(\.([A-Za-z][A-Za-z0-9]*|\d{1,4}))*$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Deep equality of JSON values, object keys in any order; an absent key equals an undefined one. */
export const jsonEquals = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (!isRecord(a) || !isRecord(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((key) => o[key] !== undefined);
  const [own, other] = [keys(a), keys(b)];
  return own.length === other.length && own.every((key) => jsonEquals(a[key], b[key]));
};

/** Own fields only, array items by index: `length`, `__proto__` and the like lead nowhere. */
const stepInto = (container: unknown, segment: string): { found: true; value: unknown } | { found: false } => {
  if (!isRecord(container)) return { found: false };
  if (Array.isArray(container) && !/^\d+$/.test(segment)) return { found: false };
  if (!Object.hasOwn(container, segment) || container[segment] === undefined) return { found: false };
  return { found: true, value: container[segment] };
};

/** The value at a dotted path of `data`; `found` is false when the path leads nowhere. */
export const valueAt = (data: unknown, path: string): { found: true; value: unknown } | { found: false } => {
  let step: { found: true; value: unknown } | { found: false } = { found: true, value: data };
  for (const segment of path.split('.')) {
    if (!step.found) return step;
    step = stepInto(step.value, segment);
  }
  return step;
};

/** A copy of `data` with `value` at `path` (copied along the path, never mutated); unchanged if the path leads nowhere. */
export const withValueAt = <T>(data: T, path: string, value: unknown): T => {
  if (!valueAt(data, path).found) return data;
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const container = data as Record<string, unknown>;
  const next = rest.length ? withValueAt(container[head], rest.join('.'), value) : value;
  if (Array.isArray(container)) return container.map((item, index) => (String(index) === head ? next : item)) as T;
  return { ...container, [head]: next } as T;
};
