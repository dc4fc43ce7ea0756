// Sets n8n up for the control plane — owner and API key (stored encrypted) unless an API key is
// configured, then the credential our nodes call back with — and keeps trying until it works. An
// external n8n that is down when the control plane starts is waited for, with no restart needed.
import { setTimeout as sleep } from 'node:timers/promises';
import type { N8nConnection } from '../../modules/deployments/n8nConnection.js';
import { n8nApiKeyName, type PlatformSecrets } from '../../modules/platform/platformSecrets.js';
import { backoffDelayMs } from '../supervisor.js';
import { bootstrapN8n, type N8nOwnerAccount } from './n8nBootstrap.js';

export interface N8nLinkOptions {
  url: string;
  connection: N8nConnection;
  platformSecrets: PlatformSecrets;
  /** Set when N8N_API_KEY is configured: the owner and key are then the operator's business. */
  configuredApiKey: string | undefined;
  /** The owner the control plane creates (or signs in as) to mint its API key. */
  owner: N8nOwnerAccount | undefined;
  backoff: { initialMs: number; maxMs: number };
  /** After every successful connect: the reconciler catches up on what was missed meanwhile. */
  onConnected: () => Promise<unknown>;
  log: (line: string) => void;
}

export class N8nLink {
  private connecting: Promise<void> | undefined;
  private readonly stopped = new AbortController();

  constructor(private readonly options: N8nLinkOptions) {
    if (!options.configuredApiKey && !options.owner) {
      throw new Error('Set N8N_API_KEY, or N8N_OWNER_PASSWORD so the control plane can set n8n up itself');
    }
  }

  /** Connects, retrying with backoff until it succeeds or stop() is called. Concurrent calls share one attempt. */
  connect(): Promise<void> {
    this.connecting ??= this.connectUntilDone().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  stop(): void {
    this.stopped.abort();
  }

  private async connectUntilDone(): Promise<void> {
    for (let attempt = 1; !this.stopped.signal.aborted; attempt += 1) {
      try {
        await this.connectOnce();
        if (attempt > 1) this.options.log(`connected to n8n at ${this.options.url} after ${attempt} attempts`);
        await this.options.onConnected();
        return;
      } catch (error) {
        const delay = backoffDelayMs(attempt, this.options.backoff);
        if (attempt === 1 || attempt % 10 === 0) {
          this.options.log(
            `n8n is not usable yet (${(error as Error).message.split('\n')[0]}); deployments answer 503 until it is; retrying in ${(delay / 1000).toFixed(1)} s`,
          );
        }
        try {
          await sleep(delay, undefined, { signal: this.stopped.signal });
        } catch {
          return;
        }
      }
    }
  }

  private async connectOnce(): Promise<void> {
    const { platformSecrets, connection, owner } = this.options;
    if (!this.options.configuredApiKey && owner) {
      const result = await bootstrapN8n({ url: this.options.url, owner, existingApiKey: await platformSecrets.get(n8nApiKeyName) });
      if (result.apiKeyMinted) await platformSecrets.set(n8nApiKeyName, result.apiKey);
      // A new n8n (its data was reset) no longer has the credential we remembered.
      if (result.ownerCreated) await connection.forgetCredential();
    }
    await connection.controlPlaneCredential();
  }
}
