import { pino, type Logger } from 'pino';

export type { Logger };

// Anything that may carry a secret is removed before it reaches a log line.
const redactedPaths = [
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'refreshToken',
  '*.refreshToken',
  'accessToken',
  '*.accessToken',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-ophir-signature"]',
  'req.headers["x-n8n-api-key"]',
  'res.headers["set-cookie"]',
];

export function createLogger(options: { level: string; name?: string }): Logger {
  return pino({
    name: options.name ?? 'control-plane',
    level: options.level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
