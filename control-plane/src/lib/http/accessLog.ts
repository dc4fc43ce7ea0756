import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { redactUrl, type Logger } from '../logger.js';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request's id: its X-Request-Id when that is well-formed, else a new UUID; answered in X-Request-Id. */
    id: string;
  }
}

const requestIdPattern = /^[\w.-]{1,128}$/;

/** The request headers a line keeps: where a request came from, not what it carried (authorization, cookies). */
const loggedRequestHeaders = ['referer', 'user-agent', 'content-length'] as const;

/** What a line says of the request: never a token (the URL and Referer are redacted, see redactUrl). */
function accessLogRequest(req: Request) {
  const headers: Record<string, string> = {};
  for (const name of loggedRequestHeaders) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = name === 'referer' ? redactUrl(value) : value;
  }
  return {
    id: req.id,
    method: req.method,
    url: redactUrl(req.originalUrl),
    headers,
    remoteAddress: req.socket.remoteAddress,
    remotePort: req.socket.remotePort,
  };
}

/**
 * The access log: one line per request once its response is sent, or its connection closed first
 * ("request completed"; "request errored" with status 500 and up), with the request (accessLogRequest),
 * the response's status and the time taken in ms. Requests `quiet` names (health and metrics scrapes)
 * get an id but no line.
 *
 * In place of pino-http, which on every request made a child logger bound to the whole serialised
 * request (redaction included) and three lists and listeners to carry it; a line is now built once,
 * at the end, from the few fields it keeps.
 */
export function accessLog(logger: Logger, options: { quiet: (url: string) => boolean }): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    if (options.quiet(req.url)) {
      next();
      return;
    }
    const startedAt = Date.now();
    const done = () => {
      res.removeListener('finish', done);
      res.removeListener('close', done);
      writeLine(logger, req, res.statusCode, Date.now() - startedAt);
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}

function writeLine(logger: Logger, req: Request, statusCode: number, responseTime: number): void {
  const line = { req: accessLogRequest(req), res: { statusCode }, responseTime };
  if (statusCode >= 500) logger.info({ ...line, err: { message: `failed with status code ${statusCode}` } }, 'request errored');
  else logger.info(line, 'request completed');
}
