import { FakeHttpServer, type FakeResponse, type RecordedRequest } from './fakes/fakeHttpServer.js';

/** Headers that belong to one hop, not to the request. */
const hopHeaders = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

/**
 * An HTTP server in front of the control plane that records every request n8n makes (signed
 * bodies, byte for byte) and forwards it, or answers a path itself when `answer` says so (an
 * endpoint another change is still building). Point N8N_CALLBACK_BASE_URL at it.
 */
export function recordingProxy(
  target: () => string,
  answer: (request: RecordedRequest) => FakeResponse | undefined = () => undefined,
): FakeHttpServer {
  const forward = async (request: RecordedRequest): Promise<FakeResponse> => {
    const answered = answer(request);
    if (answered) return answered;
    const headers = Object.fromEntries(
      Object.entries(request.headers).flatMap(([name, value]) =>
        hopHeaders.has(name) || value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]],
      ),
    );
    const query = request.query.toString();
    const response = await fetch(`${target()}${request.path}${query ? `?${query}` : ''}`, {
      method: request.method,
      headers,
      ...(['GET', 'HEAD'].includes(request.method) ? {} : { body: request.body }),
    });
    return {
      status: response.status,
      text: await response.text(),
      headers: { 'content-type': response.headers.get('content-type') ?? 'application/octet-stream' },
    };
  };
  return new FakeHttpServer(
    ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => ({ operation: 'controlPlane', method, path: /^\/.*$/, handle: forward })),
    () => ({ status: 502 }),
  );
}
