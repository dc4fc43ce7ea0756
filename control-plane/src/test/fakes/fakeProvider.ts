import { FakeAuthorizationServer, type AuthorizationServerOptions, type ConsentChoice } from './fakeAuthorizationServer.js';
import {
  FakeHttpServer,
  type AnsweredFault,
  type Endpoint,
  type Fault,
  type FakeResponse,
  type RecordedRequest,
} from './fakeHttpServer.js';

/**
 * What every provider fake offers: an authorization server, an HTTP server on 127.0.0.1 that
 * records requests, scripted faults and latency per operation, and the consent the next user gives.
 */
export abstract class FakeProvider<Operation extends string> {
  readonly oauth: FakeAuthorizationServer;
  readonly server: FakeHttpServer;

  protected constructor(oauthOptions: AuthorizationServerOptions) {
    this.oauth = new FakeAuthorizationServer(oauthOptions);
    this.server = new FakeHttpServer(this.endpoints(), (fault) => this.answerFault(fault));
  }

  /** The control plane's environment variables pointing at this fake. */
  abstract env(): Record<string, string>;

  protected abstract endpoints(): Endpoint[];

  /** The provider's own error body for a scripted status. */
  protected abstract errorBody(status: number): FakeResponse;

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  nextConsent(choice: ConsentChoice): void {
    this.oauth.nextConsent(choice);
  }

  /** The next `count` calls of `operation` answer `fault` (e.g. `{ kind: 'status', status: 429 }`, `{ kind: 'invalid_grant' }`, or `{ kind: 'lost_answer' }`). */
  failNext(operation: Operation, fault: Fault, count = 1): void {
    this.server.failNext(operation, fault, count);
  }

  setLatency(operation: Operation | '*', ms: number): void {
    this.server.setLatency(operation, ms);
  }

  calls(operation: Operation): RecordedRequest[] {
    return this.server.calls(operation);
  }

  private answerFault(fault: AnsweredFault): FakeResponse {
    if (fault.kind === 'invalid_grant') return this.oauth.invalidGrant();
    if (fault.json === undefined) return { ...this.errorBody(fault.status), headers: fault.headers };
    return { status: fault.status, json: fault.json, headers: fault.headers };
  }
}
