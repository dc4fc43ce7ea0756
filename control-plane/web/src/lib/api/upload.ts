import { ApiError, isProblem, unreachableProblem } from './problem';
import type { paths } from './schema';
import { currentAccessToken, sessionRejected } from './session';

/** The routes that take a CSV file as their body (docs/api-errors.md: the raw file, any non-JSON type). */
type CsvUploads = {
  '/api/lead-imports': paths['/api/lead-imports']['post']['responses'][201]['content']['application/json'];
  '/api/suppressions/import': paths['/api/suppressions/import']['post']['responses'][200]['content']['application/json'];
};

export interface UploadProgress {
  loaded: number;
  total: number;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Sends a CSV file as the raw request body. fetch cannot report how much of a body has left, so this is
 * the one call that goes through XMLHttpRequest: the upload's progress events drive the progress bar.
 */
export async function uploadCsv<Path extends keyof CsvUploads>(
  path: Path,
  file: File,
  options: { onProgress?: (progress: UploadProgress) => void; signal?: AbortSignal } = {},
): Promise<CsvUploads[Path]> {
  const token = await currentAccessToken();
  const url = path === '/api/lead-imports' ? `${path}?${new URLSearchParams({ fileName: file.name.slice(0, 255) })}` : path;
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    if (token !== null) request.setRequestHeader('Authorization', `Bearer ${token}`);
    // The server sniffs the real format; text/csv only says "this is the file itself, not JSON".
    request.setRequestHeader('Content-Type', 'text/csv');
    request.upload.onprogress = (event) =>
      options.onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    request.onload = () => {
      const body = parseJson(request.responseText);
      if (request.status >= 200 && request.status < 300 && body !== undefined) return resolve(body as CsvUploads[Path]);
      if (request.status === 401) sessionRejected();
      reject(new ApiError(isProblem(body) ? body : unreachableProblem(request.status)));
    };
    request.onerror = () => reject(new ApiError(unreachableProblem(0)));
    request.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    options.signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}
