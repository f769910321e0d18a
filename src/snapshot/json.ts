// The one way plaudit reads raw ARM JSON: every reader takes `unknown` and returns a typed value or
// `undefined`, never throws. Only the snapshot and inventory layers use it; everything downstream
// reads the typed model.

export type JsonObject = Record<string, unknown>;

/** An object, or `{}` for anything else (arrays and null included). */
export function obj(value: unknown): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
}

export function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-empty string: ARM writes `""` where a value is unset. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A finite number, also when ARM wrote it as a numeric string (older API versions do). */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** `true` only for a JSON `true`: ARM flags that are absent take their default, which callers state. */
export function flag(value: unknown): boolean {
  return value === true;
}

/** A boolean when one was written, else undefined. */
export function optionalFlag(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** The string items of an array. */
export function strings(value: unknown): string[] {
  return arr(value).filter((item): item is string => typeof item === 'string');
}

/** The string items of an array, or undefined when the property is not an array at all. */
export function optionalStrings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? strings(value) : undefined;
}

/** Strings and numbers as text (ports and protocols are sometimes written as numbers). */
export function texts(value: unknown): string[] {
  return arr(value).flatMap((item) => (typeof item === 'string' || typeof item === 'number' ? [String(item)] : []));
}

/** A scalar that may be a string or a number, as text. */
export function scalarText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The id of a `{ id }` reference. */
export function refId(value: unknown): string | undefined {
  return str(obj(value).id);
}

/** The ids of an array of `{ id }` references. */
export function refIds(value: unknown): string[] {
  return arr(value)
    .map(refId)
    .filter((id): id is string => id !== undefined);
}

/** An object's `properties` bag. */
export function propertiesOf(value: unknown): JsonObject {
  return obj(obj(value).properties);
}
