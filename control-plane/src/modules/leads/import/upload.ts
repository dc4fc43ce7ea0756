/**
 * Receives an uploaded file straight to disk, never holding it in memory: multipart/form-data (the
 * first file part) or, for any other content type, the raw request body (`curl --data-binary @x.csv`
 * sends it as application/x-www-form-urlencoded, so the type is not trusted; the content is sniffed).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import busboy from 'busboy';
import { AppError } from '../../../lib/errors.js';

export interface StoredUpload {
  path: string;
  fileName: string | null;
  bytes: number;
  sha256: string;
}

function limitAndHash(maxBytes: number, onDone: (bytes: number, sha256: string) => void): Transform {
  const hash = createHash('sha256');
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        callback(new AppError('payload_too_large', `The file is larger than ${maxBytes} bytes`));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      onDone(bytes, hash.digest('hex'));
      callback();
    },
  });
}

async function storeStream(source: Readable, directory: string, maxBytes: number): Promise<Omit<StoredUpload, 'fileName'>> {
  await mkdir(directory, { recursive: true });
  const target = path.join(directory, `upload-${randomUUID()}.csv`);
  let result = { bytes: 0, sha256: '' };
  try {
    await pipeline(
      source,
      limitAndHash(maxBytes, (bytes, sha256) => (result = { bytes, sha256 })),
      createWriteStream(target),
    );
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
  return { path: target, ...result };
}

function fileNameFrom(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = path.basename(value.replace(/\\/g, '/')).trim();
  return name ? name.slice(0, 255) : null;
}

export async function receiveUpload(req: Request, options: { directory: string; maxBytes: number }): Promise<StoredUpload> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    const stored = await storeStream(req, options.directory, options.maxBytes);
    return { ...stored, fileName: fileNameFrom(req.query.fileName) };
  }

  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: options.maxBytes + 1 } });
  } catch (error) {
    throw new AppError('unsupported_media_type', `Malformed multipart request: ${(error as Error).message}`);
  }
  return new Promise<StoredUpload>((resolve, reject) => {
    let storing: Promise<StoredUpload> | undefined;
    parser.on('file', (_field, file, info) => {
      if (storing) {
        file.resume();
        return;
      }
      const relay = new PassThrough();
      file.pipe(relay);
      storing = storeStream(relay, options.directory, options.maxBytes).then((stored) => ({
        ...stored,
        fileName: fileNameFrom(info.filename),
      }));
      storing.catch(() => file.resume());
    });
    parser.on('error', (error: Error) => reject(new AppError('unsupported_media_type', `Malformed multipart request: ${error.message}`)));
    parser.on('close', () => {
      if (!storing) reject(new AppError('import_file_empty', 'The multipart request has no file part'));
      else storing.then(resolve, reject);
    });
    req.pipe(parser);
  });
}
