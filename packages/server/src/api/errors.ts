/**
 * @module api/errors
 * The one error handler that turns any error into `{ error: { code, message, hint } }` with its status.
 * A server error never leaks its internals: a non-Sekisho error answers SEK_INTERNAL and is
 * logged with its stack (Documenso's AppError split: internal cause, user-safe message).
 */
import { isSekishoError, type SekishoError } from '@sekisho/core/errors';
import { ServerErrors } from '../errors.ts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';


/** The error body every failed request answers with. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable error code, e.g. SEK_REQUEST_INVALID; match on this, never on the message'),
      message: z.string(),
      hint: z.string().describe('What to do about it'),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });

function body(error: SekishoError) {
  return { error: { code: error.code, message: error.message, hint: error.hint, ...(Object.keys(error.details).length ? { details: error.details } : {}) } };
}

/** Maps Fastify's own request errors to our codes. */
function fromFastify(error: FastifyError): SekishoError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return ServerErrors.REQUEST_JSON(`the request body is not valid JSON: ${error.message.replace(/^Body is not valid JSON but content-type is set to 'application\/json'\s*/, '') || 'parse error'}`);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return ServerErrors.REQUEST_TOO_LARGE('the request body is larger than the server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return ServerErrors.MEDIA_TYPE('only application/json bodies are accepted');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return ServerErrors.REQUEST_INVALID('the Content-Length header does not match the body');
  }
  if (error instanceof SyntaxError) return ServerErrors.REQUEST_JSON(`the request body is not valid JSON: ${error.message}`);
  return undefined;
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = isSekishoError(error) ? error : fromFastify(error);
  if (known) {
    if (known.status >= 500) request.log.error({ err: error, code: known.code }, 'request failed');
    else request.log.info({ code: known.code }, 'request refused');
    if (known.code === ServerErrors.RATE_LIMITED.code && typeof known.details.retryAfterSeconds === 'number') reply.header('retry-after', String(known.details.retryAfterSeconds));
    void reply.code(known.status >= 100 && known.status < 600 ? known.status : 500).send(body(known));
    return;
  }
  request.log.error({ err: error }, 'internal error');
  void reply.code(500).send(body(ServerErrors.INTERNAL('internal error')));
}

/** The first zod issue as a SEK_REQUEST_INVALID error naming where it is. */
export function invalidRequest(part: 'body' | 'query' | 'path', error: z.ZodError): SekishoError {
  const issue = error.issues[0]!;
  const where = [part, ...issue.path.map(String)].join('.');
  const message = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `${where}.${k}`).join(', ')}` : `${where}: ${issue.message}`;
  return ServerErrors.REQUEST_INVALID(message, { field: where, issues: error.issues.length });
}
