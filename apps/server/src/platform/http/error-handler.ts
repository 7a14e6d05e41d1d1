import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isForeignKeyViolation, isUniqueViolation } from '../db/dialect-sql.js';
import { AppError, ERROR_KINDS } from '../errors.js';
import { WriterBusyError } from '../db/group-commit.js';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

function body(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * Constraint violations that slipped past a service's own checks (two requests racing for the same
 * SKU, say): the database refused the write, so nothing changed — a conflict, not an internal error.
 */
function fromDatabase(err: unknown): AppError | undefined {
  if (isUniqueViolation(err)) {
    return new AppError('conflict', 'duplicate', 'This already exists (it was just created by another request)');
  }
  if (isForeignKeyViolation(err)) {
    return new AppError('conflict', 'reference_conflict', 'A referenced record does not exist or is still in use');
  }
  if (err instanceof WriterBusyError) {
    // Nothing was written (the transaction never began); the register's outbox simply retries.
    return new AppError('unavailable', 'database_busy', 'The database is busy with another program; try again in a moment');
  }
  return undefined;
}

/** Maps Fastify's own failures (parsing, limits) onto the closed error set. */
function fromFastify(err: FastifyError): AppError | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'payload_too_large', 'Request body exceeds the 1 MB limit');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'unsupported_media_type', 'Send JSON (Content-Type: application/json)');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid', 'malformed_json', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('invalid', 'invalid_content_length', 'Content-Length does not match the body');
    default:
      break;
  }
  if (err.statusCode === 429) {
    return new AppError('rate_limited', 'rate_limited', 'Too many requests, try again later');
  }
  if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/i.test(err.message))) {
    return new AppError('invalid', 'malformed_json', 'The request body is not valid JSON');
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError('invalid', 'bad_request', 'The request could not be processed');
  }
  return undefined;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => {
        const where = (err.validationContext ?? 'body') as string;
        const pathParts = (v.instancePath || '').split('/').filter(Boolean);
        const params = v.params as { keys?: string[] } | undefined;
        // Unknown keys are reported at the object level by zod; name each offending field.
        const keys = v.keyword === 'unrecognized_keys' ? (params?.keys ?? []) : [];
        const field = [where, ...pathParts, ...keys.slice(0, 1)].join('.');
        return { field, message: v.message ?? 'invalid value', ...(keys.length > 1 ? { fields: keys } : {}) };
      });
      const first = fields[0];
      return reply
        .code(400)
        .send(body('validation_failed', first ? `${first.field}: ${first.message}` : 'Invalid request', { fields }));
    }
    const appErr = err instanceof AppError ? err : (fromDatabase(err) ?? fromFastify(err));
    if (appErr) {
      if (appErr.kind === 'internal' || appErr.kind === 'unavailable') request.log.error({ err }, 'request failed');
      return reply.code(ERROR_KINDS[appErr.kind]).send(body(appErr.code, appErr.message, appErr.details));
    }
    // Unknown failure: log everything server-side, tell the client nothing about internals.
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(body('internal', 'Internal error; the request was not completed', { requestId: request.id }));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(body('route_not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}
