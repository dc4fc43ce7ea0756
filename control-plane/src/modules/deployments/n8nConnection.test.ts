import { describe, expect, it } from 'vitest';
import type { PlatformSecrets } from '../platform/platformSecrets.js';
import { N8nConnection } from './n8nConnection.js';

const connection = (editorBaseUrl: string | undefined) =>
  new N8nConnection({
    baseUrl: 'http://n8n:5678',
    editorBaseUrl,
    callbackBaseUrl: 'http://control-plane:3000',
    platformSecrets: {} as PlatformSecrets,
  });

describe('the n8n editor link', () => {
  it("points people's browsers at the editor's own address, not the one the server calls", () => {
    expect(connection('https://n8n.example.com/').editorUrl('wf1')).toBe('https://n8n.example.com/workflow/wf1');
  });

  it('is absent when no n8n is configured', () => {
    expect(connection(undefined).editorUrl('wf1')).toBeNull();
  });
});
