import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AddSmtpDialog } from './AddSmtpDialog';

// The one API client keeps the fetch it found when created: stand in for the server before it is imported.
const server = vi.hoisted(() => {
  const state = { requests: [] as Array<{ url: string; body: unknown }>, answer: { status: 201, body: {} as unknown } };
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    state.requests.push({ url: new URL(request.url).pathname, body: await request.json() });
    const type = state.answer.status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(JSON.stringify(state.answer.body), { status: state.answer.status, headers: { 'Content-Type': type } });
  };
  return state;
});

afterEach(() => {
  cleanup();
  server.requests = [];
});

function renderDialog() {
  const onOpenChange = vi.fn();
  render(
    <QueryClientProvider client={new QueryClient()}>
      <AddSmtpDialog open onOpenChange={onOpenChange} />
    </QueryClientProvider>,
  );
  return onOpenChange;
}

const field = (name: string) => screen.getByLabelText(name, { exact: true }) as HTMLInputElement;
const describedBy = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent ?? null;

describe('adding an SMTP mailbox', () => {
  it('sends only what was filled in and shows the refused IMAP login on the IMAP password field', async () => {
    server.answer = {
      status: 422,
      body: {
        type: 'https://ophir.dev/problems/imap_verification_failed',
        title: 'Unprocessable Content',
        status: 422,
        code: 'imap_verification_failed',
        detail: 'The IMAP server at imap.acme.example:993 refused the connection: Invalid credentials',
        issues: [{ path: 'imap.password', in: 'body', message: 'The IMAP server answered: Invalid credentials' }],
      },
    };
    const onOpenChange = renderDialog();
    const user = userEvent.setup();
    await user.type(field('Address'), 'sales@acme.example');
    await user.type(field('SMTP host'), 'smtp.acme.example');
    await user.type(field('SMTP password'), 'secret');
    await user.click(field('Read replies and bounces over IMAP'));
    await user.type(field('IMAP host'), 'imap.acme.example');
    await user.type(field('IMAP password'), 'imap secret');
    await user.click(screen.getByRole('button', { name: 'Check and add mailbox' }));

    await screen.findByText('The IMAP server answered: Invalid credentials');
    expect(server.requests).toEqual([
      {
        url: '/api/mailboxes/smtp',
        body: {
          email: 'sales@acme.example',
          smtp: { host: 'smtp.acme.example', port: 587, tlsMode: 'starttls', password: 'secret' },
          imap: { host: 'imap.acme.example', port: 993, tlsMode: 'tls', password: 'imap secret' },
        },
      },
    ]);
    expect(field('IMAP password').getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(field('IMAP password'))).toBe('The IMAP server answered: Invalid credentials');
    expect(field('SMTP password').getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onOpenChange).not.toHaveBeenCalled();
  });

  it('checks the form before asking the server, and closes once the server accepts the login', async () => {
    server.answer = { status: 201, body: { id: 'b4a1c7f0-0000-4000-8000-000000000001', email: 'sales@acme.example' } };
    const onOpenChange = renderDialog();
    const user = userEvent.setup();
    await user.type(field('Address'), 'sales@acme.example');
    await user.clear(field('SMTP port'));
    await user.type(field('SMTP port'), '70000');
    await user.click(screen.getByRole('button', { name: 'Check and add mailbox' }));
    await screen.findByText('Enter the SMTP server');
    expect(describedBy(field('SMTP port'))).toBe('Use a port from 1 to 65535');
    expect(describedBy(field('SMTP password'))).toBe('Enter the password');
    expect(server.requests).toEqual([]);

    await user.type(field('SMTP host'), 'smtp.acme.example');
    await user.clear(field('SMTP port'));
    await user.type(field('SMTP port'), '465');
    await user.selectOptions(field('SMTP security'), 'tls');
    await user.type(field('SMTP username'), 'sales');
    await user.type(field('SMTP password'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Check and add mailbox' }));
    await vi.waitFor(() => expect(onOpenChange).toHaveBeenCalledWith(false));
    expect(server.requests.map((request) => request.body)).toEqual([
      {
        email: 'sales@acme.example',
        smtp: { host: 'smtp.acme.example', port: 465, tlsMode: 'tls', password: 'secret', username: 'sales' },
      },
    ]);
  });
});
