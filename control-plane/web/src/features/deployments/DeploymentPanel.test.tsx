import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeploymentPanel } from './DeploymentPanel';

const deploymentId = '0b6f3c1e-2d4a-4c8e-9f10-abcdefabcdef';
const workflowJson = (start: string | null) =>
  JSON.stringify({ nodes: [{ name: 'Business Hours Gate', parameters: start ? { start } : {} }] }, null, 2);

// The one API client keeps the fetch it found when created: stand in for the server before it is imported.
const server = vi.hoisted(() => {
  const state = { role: 'admin', status: 'drifted', resolutions: [] as unknown[] };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const deployment = {
      id: '0b6f3c1e-2d4a-4c8e-9f10-abcdefabcdef',
      campaignId: '6f1c2a4e-1b2c-4d5e-8f90-123456789abc',
      campaignName: 'Spring outreach',
      templateName: 'campaign-sender',
      templateVersion: '1.0.0',
      status: state.status,
      lastError: null,
      n8nWorkflowId: 'wf1',
      editorUrl: 'https://n8n.example.com/workflow/wf1',
      contentHash: 'hash',
      hasOverride: state.status !== 'drifted',
      lastSyncedAt: '2026-12-04T18:00:00.000Z',
      updatedAt: '2026-12-04T18:00:00.000Z',
    };
    if (path === '/api/me') return json(200, { organization: { role: state.role } });
    if (path === '/api/deployments') return json(200, { data: [deployment] });
    if (path.endsWith('/drift'))
      return json(200, {
        drifted: true,
        changes: [{ kind: 'parameter_changed', node: 'Business Hours Gate', path: 'start', after: '10:00' }],
        workflows: { deployed: workflowJson(null), n8n: workflowJson('10:00') },
      });
    if (path.endsWith('/resolve-drift')) {
      state.resolutions.push(await request.json());
      state.status = 'active';
      return json(200, { ...deployment, status: 'active', hasOverride: true });
    }
    return json(404, { type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found', detail: `${path} is not faked` });
  };
  return state;
});

afterEach(() => {
  cleanup();
  Object.assign(server, { role: 'admin', status: 'drifted', resolutions: [] });
});

const renderPanel = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <DeploymentPanel deploymentId={deploymentId} />
    </QueryClientProvider>,
  );

describe("a deployment's panel", () => {
  it('shows an automation edited in n8n: that it was edited, what changed, both versions side by side and a link into n8n', async () => {
    renderPanel();
    await screen.findByRole('heading', { name: 'Someone edited this automation in n8n' });
    expect(screen.getAllByText('Edited in n8n').length).toBeGreaterThan(0);
    await screen.findByText('"Business Hours Gate", start: (not set) → "10:00"');
    const current = await screen.findByRole('textbox', { name: 'As it is now in n8n' });
    expect(current.textContent).toContain('"start": "10:00"');
    expect(screen.getByRole('link', { name: /Open in n8n/ }).getAttribute('href')).toBe('https://n8n.example.com/workflow/wf1');
  });

  it('keeps the n8n version only after a confirmation that says Ophir stops updating it', async () => {
    renderPanel();
    const user = userEvent.setup();
    // The buttons wait for the member's role (an admin here) before they can be used.
    const keep = await vi.waitFor(() => {
      const button = screen.getByRole('button', { name: 'Keep n8n version' }) as HTMLButtonElement;
      expect(button.disabled).toBe(false);
      return button;
    });
    await user.click(keep);
    const dialog = screen.getByRole('alertdialog', { name: 'Keep the n8n version?' });
    expect(dialog.textContent).toContain("changes to the campaign's settings and new template versions are not applied");
    expect(server.resolutions).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Keep n8n version' }));
    await screen.findByText('Edited, n8n version kept');
    expect(server.resolutions).toEqual([{ action: 'keep_n8n' }]);
  });

  it('tells a member why they cannot resolve the drift', async () => {
    server.role = 'member';
    renderPanel();
    const keep = await screen.findByRole('button', { name: 'Keep n8n version' });
    await screen.findByText(/Only an admin can keep the n8n version or reset to the template/);
    expect((keep as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Reset to template' }) as HTMLButtonElement).disabled).toBe(true);
    expect(document.getElementById(keep.getAttribute('aria-describedby') ?? '')?.textContent).toContain('Ask an admin');
  });
});
