import { readFile, stat } from 'node:fs/promises';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { UsageError } from '../errors.js';
import { normalizeType } from '../ids.js';
import { propertySchemas, snapshotSchema } from './schema.js';
import type { RawResource, Snapshot } from './types.js';
import { printable } from './printable.js';
import { JsonStreamError, parseJsonPath } from './stream.js';

/** Input the user must fix: names the file and the JSON path at fault. */
export class SnapshotError extends UsageError {
  readonly source: string;
  readonly jsonPath: string;

  constructor(source: string, jsonPath: string, detail: string) {
    super(`${source}: ${jsonPath === '$' ? '' : `${jsonPath}: `}${detail}`);
    this.name = 'SnapshotError';
    this.source = source;
    this.jsonPath = jsonPath;
  }
}

// Compiled on first use: a command that reads no whole snapshot (a trace through an index) skips it.
let compiled:
  { ajv: Ajv; validateEnvelope: ValidateFunction; propertyValidators: Map<string, ValidateFunction> } | undefined;
function validators() {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: false, strict: false });
  compiled = {
    ajv,
    validateEnvelope: ajv.compile(snapshotSchema),
    propertyValidators: new Map<string, ValidateFunction>(
      Object.entries(propertySchemas).map(([type, schema]) => [type, ajv.compile(schema)]),
    ),
  };
  return compiled;
}

/** Files up to this size that are not valid JSON are read again whole, for JSON.parse's own message. */
const RETELL_LIMIT = 64 * 1024 * 1024;

/**
 * Reads a snapshot file of any size: the resources are parsed one by one as the file streams in
 * (see stream.ts), so a snapshot larger than the longest string V8 can hold still loads.
 */
export async function readSnapshotFile(path: string): Promise<Snapshot> {
  let json: unknown;
  try {
    json = await parseJsonPath(path);
  } catch (error) {
    if (!(error instanceof JsonStreamError)) throw unreadable(path, error);
    const size = await stat(path).then(
      (stats) => stats.size,
      () => Infinity,
    );
    if (size > RETELL_LIMIT) {
      throw new SnapshotError(path, '$', `not valid JSON (${printable(error.message)})`);
    }
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (again) {
      throw unreadable(path, again);
    }
    return parseSnapshotText(text, path);
  }
  return parseSnapshot(json, path);
}

function unreadable(path: string, error: unknown): SnapshotError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? 'unknown error'})`;
  return new SnapshotError(path, '$', reason);
}

export function parseSnapshotText(text: string, source: string): Snapshot {
  if (text.trim() === '') {
    throw new SnapshotError(source, '$', 'the file is empty; expected a snapshot of Azure resources (JSON)');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(source, '$', `not valid JSON (${printable((error as Error).message)})`);
  }
  return parseSnapshot(json, source);
}

/** Accepts the three snapshot shapes: a resource array, `{resources}` and Resource Graph `{data}`. */
export function parseSnapshot(json: unknown, source: string): Snapshot {
  const { validateEnvelope, propertyValidators } = validators();
  if (!validateEnvelope(json)) {
    throw envelopeError(json, source);
  }
  const snapshot: Snapshot = Array.isArray(json)
    ? { resources: json as RawResource[] }
    : 'resources' in (json as object)
      ? (json as Snapshot)
      : { resources: (json as { data: RawResource[] }).data };
  const resourcesPath = Array.isArray(json) ? '$' : 'resources' in (json as object) ? '$.resources' : '$.data';
  snapshot.resources.forEach((resource, index) => {
    const validate = propertyValidators.get(normalizeType(resource.type));
    if (validate && resource.properties != null && !validate(resource.properties)) {
      const at = `${resourcesPath}[${index}].properties`;
      throw fromAjvError(validate.errors?.[0], at, source, resource.id);
    }
  });
  if (snapshot.resources.length === 0 && (snapshot.incomplete ?? []).length === 0) {
    throw new SnapshotError(source, resourcesPath, 'the snapshot holds no resources, so there is nothing to audit');
  }
  return snapshot;
}

// The envelope is a oneOf; pick the branch the input was meant to be, so the error is specific.
function envelopeError(json: unknown, source: string): SnapshotError {
  if (Array.isArray(json)) {
    return validateBranch({ type: 'array', items: snapshotSchema.oneOf[0].items }, json, '$', source);
  }
  if (json !== null && typeof json === 'object') {
    if ('resources' in json) return validateBranch(snapshotSchema.oneOf[1], json, '$', source);
    if ('data' in json) return validateBranch(snapshotSchema.oneOf[2], json, '$', source);
    return new SnapshotError(
      source,
      '$',
      'expected an array of resources, an object with "resources", or Resource Graph output with "data"',
    );
  }
  return new SnapshotError(
    source,
    '$',
    `expected an array or an object, found ${json === null ? 'null' : typeof json}`,
  );
}

function validateBranch(schema: object, json: unknown, base: string, source: string): SnapshotError {
  const validate = validators().ajv.compile(schema);
  validate(json);
  return fromAjvError(validate.errors?.[0], base, source);
}

function fromAjvError(
  error: ErrorObject | undefined,
  base: string,
  source: string,
  resourceId?: string,
): SnapshotError {
  if (!error) return new SnapshotError(source, base, 'invalid snapshot');
  const path = base + toJsonPath(error.instancePath);
  const missing =
    error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : undefined;
  const detail = missing ? `missing required property "${missing}"` : (error.message ?? 'invalid value');
  return new SnapshotError(
    source,
    missing ? `${path}.${missing}` : path,
    resourceId ? `${detail} (resource ${resourceId})` : detail,
  );
}

/** An Ajv instance path (`/runs/0/results/2`) as a JSON path (`.runs[0].results[2]`). */
export function toJsonPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((segment) => {
      const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(key) ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    })
    .join('');
}
