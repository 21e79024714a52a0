/**
 * @module api/errors
 * The API's own error codes (request-level: authentication, validation, limits), and the one
 * error handler that turns any error into `{ error: { code, message, hint } }` with its status.
 * A server error never leaks its internals: a non-Sekisho error answers SEK_INTERNAL and is
 * logged with its stack (Documenso's AppError split: internal cause, user-safe message).
 */
import { defineError, isSekishoError, type SekishoError } from '@sekisho/core/errors';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

export const ApiErrors = {
  UNAUTHENTICATED: defineError('SEK_UNAUTHENTICATED', 401, 'Send an API key as `Authorization: Bearer sek_…` (create one with `sekisho keys create --role R`); revoked keys are refused'),
  FORBIDDEN: defineError('SEK_FORBIDDEN', 403, 'This key’s role may not use this route; the roles that may are named above'),
  REQUEST_JSON: defineError('SEK_REQUEST_JSON', 400, 'The body is not valid JSON; nothing was written'),
  REQUEST_INVALID: defineError('SEK_REQUEST_INVALID', 400, 'Fix the field named above (see /openapi.json); nothing was written'),
  REQUEST_TOO_LARGE: defineError('SEK_REQUEST_TOO_LARGE', 413, 'Send a smaller body (split a batch); nothing was written'),
  MEDIA_TYPE: defineError('SEK_MEDIA_TYPE', 415, 'Send the body as application/json'),
  ROUTE_NOT_FOUND: defineError('SEK_ROUTE_NOT_FOUND', 404, 'See /openapi.json for the routes there are'),
  RATE_LIMITED: defineError('SEK_RATE_LIMITED', 429, 'Slow down and retry after the time in the Retry-After header; nothing of the refused request was written'),
  EVENT_CONFLICT: defineError('SEK_EVENT_CONFLICT', 409, 'An event id is used once: this id was already used for a different event; send the new event with a new id'),
  ADDRESS_INVALID: defineError('SEK_ADDRESS_INVALID', 400, 'Send the address exactly as the chain writes it (checksum included); nothing was written'),
  EVENT_NOT_FOUND: defineError('SEK_EVENT_NOT_FOUND', 404, 'Event ids are the ones the client chose when posting'),
  NOT_READY: defineError('SEK_NOT_READY', 503, 'Load the sanctions lists first (`sekisho lists load` or `lists update`); screening without lists would clear everyone'),
  SHUTTING_DOWN: defineError('SEK_SHUTTING_DOWN', 503, 'The server is stopping; retry against another instance or after it restarts'),
  INTERNAL: defineError('SEK_INTERNAL', 500, 'The server failed; the operation was not applied. The server log has the details'),
} as const;

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
      return ApiErrors.REQUEST_JSON(`the request body is not valid JSON: ${error.message.replace(/^Body is not valid JSON but content-type is set to 'application\/json'\s*/, '') || 'parse error'}`);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return ApiErrors.REQUEST_TOO_LARGE('the request body is larger than the server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return ApiErrors.MEDIA_TYPE('only application/json bodies are accepted');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return ApiErrors.REQUEST_INVALID('the Content-Length header does not match the body');
  }
  if (error instanceof SyntaxError) return ApiErrors.REQUEST_JSON(`the request body is not valid JSON: ${error.message}`);
  return undefined;
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = isSekishoError(error) ? error : fromFastify(error);
  if (known) {
    if (known.status >= 500) request.log.error({ err: error, code: known.code }, 'request failed');
    else request.log.info({ code: known.code }, 'request refused');
    if (known.code === ApiErrors.RATE_LIMITED.code && typeof known.details.retryAfterSeconds === 'number') reply.header('retry-after', String(known.details.retryAfterSeconds));
    void reply.code(known.status >= 100 && known.status < 600 ? known.status : 500).send(body(known));
    return;
  }
  request.log.error({ err: error }, 'internal error');
  void reply.code(500).send(body(ApiErrors.INTERNAL('internal error')));
}

/** The first zod issue as a SEK_REQUEST_INVALID error naming where it is. */
export function invalidRequest(part: 'body' | 'query' | 'path', error: z.ZodError): SekishoError {
  const issue = error.issues[0]!;
  const where = [part, ...issue.path.map(String)].join('.');
  const message = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `${where}.${k}`).join(', ')}` : `${where}: ${issue.message}`;
  return ApiErrors.REQUEST_INVALID(message, { field: where, issues: error.issues.length });
}
