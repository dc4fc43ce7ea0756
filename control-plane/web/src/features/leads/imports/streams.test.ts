import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { readEvents } from './importEvents';

describe("reading the import API's streams and files", () => {
  it('splits server-sent events across chunk boundaries, skipping keep-alive comments', () => {
    const first = readEvents('event: progress\ndata: {"status":"running"}\n\n: keep-alive\n\nevent: end\ndata: {"sta');
    expect(first.events).toEqual([{ event: 'progress', data: '{"status":"running"}' }]);
    const second = readEvents(`${first.rest}tus":"completed"}\r\n\r\n`);
    expect(second.events).toEqual([{ event: 'end', data: '{"status":"completed"}' }]);
    expect(second.rest).toBe('');
  });

  it('reads the rejected-rows CSV: quoted cells with commas, doubled quotes and line breaks, CRLF records', () => {
    const text =
      'line,error,email,notes\r\n4,"Invalid email ""not-an-email""",not-an-email,"a, b"\r\n7,Suppressed,x@y.example,"two\r\nlines"\r\n';
    expect(parseCsv(text)).toEqual([
      ['line', 'error', 'email', 'notes'],
      ['4', 'Invalid email "not-an-email"', 'not-an-email', 'a, b'],
      ['7', 'Suppressed', 'x@y.example', 'two\r\nlines'],
    ]);
  });
});
