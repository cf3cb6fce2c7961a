/**
 * Ajv's errors → one readable sentence naming the field and the rule ("body.partitions must be ≥ 1"), the error code
 * the field's schema declares (`x-error-code`, e.g. INVALID_TOPIC_NAME) and small details. Values from the request
 * are echoed only truncated (shown()).
 */
import type { ErrorObject } from 'ajv';
import { ERROR_CODES, type ErrorCode } from '../../contracts/error-codes.ts';
import { shown } from '../bounded.ts';
import { FORMATS } from './formats.ts';

type Schema = Record<string, unknown>;
export type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

export interface ValidationProblem {
  code: ErrorCode;
  message: string;
  details: { field: string; rule: string };
}

const PART_NAME: Record<RequestPart, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'headers' };

/** `/topic/name` → `body.topic.name`, `/orderBy/0` → `body.orderBy[0]`. */
function fieldName(part: RequestPart, instancePath: string, extra?: string): string {
  const segments = instancePath.split('/').slice(1);
  if (extra !== undefined) segments.push(extra);
  let name = PART_NAME[part];
  for (const raw of segments) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    name += /^\d+$/.test(segment) ? `[${segment}]` : /^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `[${shown(segment)}]`;
  }
  return name;
}

function errorCodeOf(schema: unknown): ErrorCode | null {
  if (!schema || typeof schema !== 'object') return null;
  const s = schema as Schema;
  const code = s['x-error-code'];
  if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)) return code as ErrorCode;
  for (const member of (s.anyOf as unknown[] | undefined) ?? []) {
    const found = errorCodeOf(member);
    if (found) return found;
  }
  return null;
}

/** What a schema accepts, in words: "a whole number from 1 to 1000", "one of MergeTree, ReplacingMergeTree", … */
export function describeSchema(schema: unknown): string {
  if (!schema || typeof schema !== 'object') return 'a value';
  const s = schema as Schema;
  if (Array.isArray(s.anyOf)) {
    if (typeof s.description === 'string') return s.description;
    return [...new Set(s.anyOf.map(describeSchema))].join(' or ');
  }
  if ('const' in s) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const range = (unit: string) => {
    const min = s.minimum as number | undefined;
    const max = s.maximum as number | undefined;
    if (min !== undefined && max !== undefined) return `${unit} from ${min} to ${max}`;
    if (min !== undefined) return `${unit} ≥ ${min}`;
    if (max !== undefined) return `${unit} ≤ ${max}`;
    return unit;
  };
  switch (s.type) {
    case 'integer':
      return range('a whole number');
    case 'number':
      return range('a number');
    case 'string':
      return s.minLength === 1 ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'null';
    case 'array':
      return `a list of ${describeSchema(s.items).replace(/^an? /, '')}s`.replace(/ss$/, 's');
    case 'object':
      return 'a JSON object';
    default:
      return 'a value';
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${shown(value)}`;
  return `${typeof value} ${shown(value)}`;
}

/** The error that says most: an anyOf failure is explained by a branch that got deeper into the value, if any. */
function pick(errors: ErrorObject[]): ErrorObject {
  const last = errors[errors.length - 1]!;
  if (last.keyword !== 'anyOf') return last;
  const deeper = errors.filter((e) => e.instancePath.length > last.instancePath.length && e.instancePath.startsWith(last.instancePath));
  return deeper[deeper.length - 1] ?? last;
}

export function describeValidation(errors: ErrorObject[], part: RequestPart): ValidationProblem {
  const error = pick(errors);
  const parent = error.parentSchema as Schema | undefined;
  const params = error.params as Record<string, unknown>;
  const field = fieldName(part, error.instancePath);
  let code = errorCodeOf(parent);
  let message: string;

  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const properties = (parent?.properties ?? {}) as Record<string, unknown>;
      code = errorCodeOf(properties[missing]);
      const name = fieldName(part, error.instancePath, missing);
      message = `${name} is required (${describeSchema(properties[missing])})`;
      return { code: code ?? 'VALIDATION_FAILED', message, details: { field: name, rule: 'required' } };
    }
    case 'additionalProperties': {
      const allowed = Object.keys((parent?.properties ?? {}) as object);
      message =
        `${field} has an unknown property ${shown(String(params.additionalProperty))}; ` +
        (allowed.length ? `allowed: ${allowed.join(', ')}` : 'it takes none');
      return { code: 'VALIDATION_FAILED', message, details: { field, rule: 'additionalProperties' } };
    }
    case 'type':
    case 'anyOf':
      message = `${field} must be ${describeSchema(parent)} (got ${kindOf(error.data)})`;
      break;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const sign = { minimum: '≥', maximum: '≤', exclusiveMinimum: '>', exclusiveMaximum: '<' }[error.keyword];
      message = `${field} must be ${sign} ${String(params.limit)} (got ${shown(error.data)})`;
      break;
    }
    case 'enum':
      message = `${field} must be ${describeSchema(parent)} (got ${kindOf(error.data)})`;
      break;
    case 'const':
      message = `${field} must be ${JSON.stringify(params.allowedValue)} (got ${kindOf(error.data)})`;
      break;
    case 'minItems':
    case 'maxItems':
      message = `${field} must have ${error.keyword === 'minItems' ? 'at least' : 'at most'} ${String(params.limit)} item(s)`;
      break;
    default:
      message = stringRule(error, field, parent);
  }
  return { code: code ?? 'VALIDATION_FAILED', message, details: { field, rule: error.keyword } };
}

/** pattern / format / minLength / maxLength: the format's own checker says why, when the field has one. */
function stringRule(error: ErrorObject, field: string, parent: Schema | undefined): string {
  const value = error.data;
  const check = typeof parent?.format === 'string' ? FORMATS[parent.format] : undefined;
  const reason = typeof value === 'string' && check ? check(value) : null;
  if (reason) return `${field}: ${reason}`;
  const limit = (error.params as { limit?: number }).limit;
  if (error.keyword === 'minLength') return limit === 1 ? `${field} must not be empty` : `${field} must be at least ${limit} characters`;
  if (error.keyword === 'maxLength')
    return `${field} must be at most ${limit} characters (got ${typeof value === 'string' ? value.length : '?'})`;
  const description = typeof parent?.description === 'string' ? `: ${parent.description}` : '';
  return `${field} ${shown(value)} is not valid${description}`;
}
