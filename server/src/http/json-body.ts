import { parse as secureJsonParse } from 'secure-json-parse';
import { AppError } from '../errors/app-error.ts';
import type { PanelApp } from './panel-app.ts';

/**
 * The JSON body parser, in place of Fastify's: same prototype-poisoning protection (secure-json-parse, refusing
 * "__proto__" and "constructor.prototype" keys), but each failure keeps its own code and says what to send.
 */
export function registerJsonBody(app: PanelApp): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.length === 0)
      return done(
        new AppError(
          400,
          'EMPTY_JSON_BODY',
          'The body is empty but Content-Type says application/json: send a JSON object (e.g. {}), or no Content-Type',
        ),
      );
    try {
      done(null, secureJsonParse(text, { protoAction: 'error', constructorAction: 'error' }));
    } catch (error) {
      const message = (error as Error).message;
      if (/forbidden prototype property/i.test(message)) {
        return done(
          new AppError(
            400,
            'FORBIDDEN_JSON_KEY',
            'The JSON body contains a "__proto__" or "constructor.prototype" key, which the panel refuses (prototype poisoning); nothing was changed',
          ),
        );
      }
      const reason = error instanceof RangeError ? 'it is nested too deeply' : message.slice(0, 200);
      done(new AppError(400, 'INVALID_JSON', `The body is not valid JSON (${reason}); nothing was changed`));
    }
  });
}
