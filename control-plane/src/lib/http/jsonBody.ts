import express, { type Request, type RequestHandler } from 'express';

export type RequestWithRawBody = Request & { rawBody?: Buffer };

/** Parses JSON bodies up to `limit` (bytes, or a size such as '1mb') and keeps the exact bytes received: signed callbacks are verified over them. */
export function jsonBody(limit: number | string): RequestHandler {
  return express.json({
    limit,
    strict: true,
    verify: (req, _res, buffer) => {
      (req as RequestWithRawBody).rawBody = buffer;
    },
  });
}
