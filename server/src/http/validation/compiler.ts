/**
 * The validator compiler for every route schema. Two Ajv instances: request bodies are JSON and are never coerced
 * ("5" is not 5), while params and query strings are text and are coerced to the declared types. Unknown properties
 * are refused, not silently removed (the contracts' Closed objects). `verbose` keeps the failing schema on each error
 * so the translation (messages.ts) can name the rule and the error code.
 */
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import { FORMATS } from './formats.ts';

function createAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({
    coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    allErrors: false,
    verbose: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
  });
  // Annotations the contracts carry for the OpenAPI document and the error translation.
  ajv.addKeyword('x-error-code');
  for (const [name, check] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate: (value) => check(value) === null });
  return ajv;
}

let json: Ajv | undefined;
let text: Ajv | undefined;
const ajvFor = (httpPart: string | undefined) => (httpPart === 'body' ? (json ??= createAjv(false)) : (text ??= createAjv(true)));

/**
 * Compiles on the route's first request, not at start-up (compiling every route's schemas is most of what a start
 * costs). Fastify reads `errors` off the function it was given, so the wrapper carries them over.
 */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  let validate: ValidateFunction | undefined;
  const lazy = (data: unknown) => {
    validate ??= ajvFor(httpPart).compile(schema);
    const valid = validate(data);
    lazy.errors = validate.errors;
    return valid;
  };
  lazy.errors = null as ValidateFunction['errors'];
  return lazy;
};
