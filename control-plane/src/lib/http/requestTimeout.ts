/**
 * How long a client may take to send its whole request, headers and body. Node's
 * `server.requestTimeout` is one value for the whole server (server.ts sets it to the longest we
 * allow, as a backstop); this middleware holds every request to REQUEST_TIMEOUT_SECONDS, and the
 * upload routes, which add `allowSlowUpload` to their middleware, to UPLOAD_REQUEST_TIMEOUT_SECONDS:
 * a 2 GiB CSV over a modest uplink takes far longer than Node's default 300 s.
 */
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors.js';
import { problemContentType, problemDocument } from './problem.js';

interface Deadline {
  receivingSince: number;
  uploadMs: number;
  timer?: NodeJS.Timeout;
}

const deadlines = new WeakMap<Request, Deadline>();

/** Answers 408 and closes the connection when the request has not arrived whole in time. */
function arm(req: Request, res: Response, deadline: Deadline, limitMs: number): void {
  clearTimeout(deadline.timer);
  if (req.complete) return;
  deadline.timer = setTimeout(
    () => {
      if (req.complete) return;
      if (res.headersSent) {
        req.socket.destroy();
        return;
      }
      const problem = problemDocument(
        new AppError('request_timeout', `The request did not arrive within ${Math.round(limitMs / 1000)} seconds`),
        req,
      );
      res.once('finish', () => req.socket.destroy());
      res.writeHead(408, { 'Content-Type': problemContentType, Connection: 'close' }).end(JSON.stringify(problem));
    },
    Math.max(0, deadline.receivingSince + limitMs - Date.now()),
  );
  deadline.timer.unref();
}

export function requestTimeout(options: { seconds: number; uploadSeconds: number }): RequestHandler {
  return (req, res, next) => {
    const deadline: Deadline = { receivingSince: Date.now(), uploadMs: options.uploadSeconds * 1000 };
    deadlines.set(req, deadline);
    arm(req, res, deadline, options.seconds * 1000);
    res.once('close', () => clearTimeout(deadline.timer));
    next();
  };
}

/** Route middleware of the upload routes: their request may take UPLOAD_REQUEST_TIMEOUT_SECONDS. */
export const allowSlowUpload: RequestHandler = (req, res, next) => {
  const deadline = deadlines.get(req);
  if (deadline) arm(req, res, deadline, deadline.uploadMs);
  next();
};
