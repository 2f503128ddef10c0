// The mock backends in one connect-style middleware (Vite, web-test-runner) or one standalone
// server (mock/serve.ts, the node tests): session-v1 (seed 004), idv-sdk (seed 001), link-kyc
// (seed 000, under /link-kyc) and validation-v2 (seed 002, under /validation-v2), each with its
// demo endpoints (under /demo), which stand in for the integrator's backend.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  HttpFailure,
  requestUrl,
  sendFailure,
  type Middleware,
  type MountableMock,
} from './http.ts';
import { createFaultInjector, type FaultInjector } from './faults.ts';
import { IdvSdkMock, routeIdvSdk } from './idv-sdk.ts';
import { IDV_SDK_OTHER_DEMO_PATH, IDV_SDK_OTHER_PATHS } from './idv-sdk-other-paths.ts';
import { createIntegrator } from './integrator.ts';
import { LinkKycMock } from './link-kyc.ts';
import { ValidationV2Mock } from './validation-v2.ts';
import { SessionV1Mock, type MockSession } from './session-v1.ts';

export type { Middleware } from './http.ts';
export { IDV_SDK_OTHER_DEMO_PATH, IDV_SDK_OTHER_PATHS } from './idv-sdk-other-paths.ts';
export {
  validateMockBehavior,
  type MockBehavior,
  type MockSession,
  type StoredImage,
} from './session-v1.ts';

/** Settings of {@link createMockBackend}; every one has a default. */
export interface MockBackendOptions {
  /** The integrator's access token; default env KYC_MOCK_ACCESS_TOKEN or `mock-access-token`. */
  accessToken?: string;
  /** Default start-token lifetime in seconds; default 900. */
  startTokenTtlSeconds?: number;
  /** The clock (ms since epoch), injectable so tests can expire tokens without waiting. */
  now?: () => number;
  /** Largest accepted image in decoded bytes; default 15 MB. */
  maxImageBytes?: number;
  /** The link-kyc vendor's login; default env KYC_MOCK_LINK_USER / _PASSWORD or mock-user / mock-password. */
  linkKycUser?: string;
  linkKycPassword?: string;
  /** The validation-v2 API key; default env KYC_MOCK_VALIDATION_KEY or mock-validation-api-key. */
  validationApiKey?: string;
  /**
   * Where the integrator backend reaches the vendor mocks. Default: this server's own origin when
   * it was started with `listen()`, else (mounted as middleware) a private loopback server of the
   * same mocks, started on first use. Never the request's Host header.
   */
  vendorOrigin?: string;
  /** The integrator's browser-token secret; default env KYC_TOKEN_SECRET, else random per process. */
  tokenSecret?: string;
}

/** A running standalone mock server. */
export interface RunningMockServer {
  /** Its origin, e.g. `http://127.0.0.1:8787`. */
  readonly url: string;
  /** Stops it, dropping open keep-alive connections. */
  close(): Promise<void>;
}

/** The mock backend. */
export interface MockBackend {
  /** Connect-style middleware: answers `/api/v1/verification…` and `/demo/sessions…`, else `next()`. */
  readonly middleware: Middleware;
  /** Serves the backend alone on 127.0.0.1 (port 0 picks a free port). */
  listen(port?: number): Promise<RunningMockServer>;
  /** Live session-v1 sessions by id, for tests to inspect. */
  readonly sessions: ReadonlyMap<string, MockSession>;
  /** The link-kyc vendor mock (its credentials: options or `mock-user` / `mock-password`). */
  readonly linkKyc: LinkKycMock;
  /** The validation-v2 API mock (its key: `validationApiKey` or `mock-validation-api-key`). */
  readonly validationV2: ValidationV2Mock;
  /** Bad replies on demand (also through `POST /__faults`), for the bad-reply contract tests. */
  readonly faults: FaultInjector;
}

const DEFAULT_MAX_IMAGE_BYTES = 15 * 1024 * 1024;

/** Creates a mock backend with its own in-memory state. */
export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  const accessToken =
    options.accessToken ?? process.env['KYC_MOCK_ACCESS_TOKEN'] ?? 'mock-access-token';
  const sessionV1 = new SessionV1Mock({
    accessToken,
    startTokenTtlSeconds: options.startTokenTtlSeconds ?? 900,
    now: options.now ?? Date.now,
    maxImageBytes: options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES,
  });

  const linkKycOptions = {
    user: options.linkKycUser ?? process.env['KYC_MOCK_LINK_USER'] ?? 'mock-user',
    password: options.linkKycPassword ?? process.env['KYC_MOCK_LINK_PASSWORD'] ?? 'mock-password',
    tokenTtlSeconds: 3600,
    now: options.now ?? Date.now,
    maxImageBytes: options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES,
  };
  const linkKyc = new LinkKycMock(linkKycOptions);

  const validationOptions = {
    apiKey:
      options.validationApiKey ??
      process.env['KYC_MOCK_VALIDATION_KEY'] ??
      'mock-validation-api-key',
    now: options.now ?? Date.now,
    maxImageBytes: options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES,
  };
  const validationV2 = new ValidationV2Mock(validationOptions);

  // idv-sdk twice: under the default paths, and under others (as a real deployment's paths are
  // its own) so that tests show `protocolOptions.paths` reaching the service with no custom code.
  const idvSdk = [
    new IdvSdkMock(options),
    new IdvSdkMock({ ...options, paths: IDV_SDK_OTHER_PATHS, demoPath: IDV_SDK_OTHER_DEMO_PATH }),
  ];

  const faults = createFaultInjector();
  // The vendors' origin, from configuration: this server once it listens, or a loopback server of
  // the same mocks (middleware mode, where the host server's address is not ours to know).
  let ownOrigin: string | undefined;
  let loopback: Promise<string> | undefined;
  const vendorOrigin = async (): Promise<string> => {
    if (options.vendorOrigin !== undefined) return options.vendorOrigin;
    if (ownOrigin !== undefined) return ownOrigin;
    loopback ??= serve(0, { unref: true }).then((server) => server.url);
    return loopback;
  };
  // The integrator's backend for link-kyc, validation-v2 and session-v1 through its proxy, holding
  // these mocks' credentials.
  const integrator = createIntegrator({
    vendorOrigin,
    tokenSecret: options.tokenSecret ?? process.env['KYC_TOKEN_SECRET'],
    linkKycUser: linkKycOptions.user,
    linkKycPassword: linkKycOptions.password,
    validationApiKey: validationOptions.apiKey,
    sessionV1AccessToken: accessToken,
    tokenTtlSeconds: options.startTokenTtlSeconds ?? 900,
  });

  // idv-sdk first (its demo endpoint is under session-v1's /demo), then each backend by its paths.
  const backends: readonly MountableMock[] = [linkKyc, validationV2, sessionV1];
  const routes: Middleware = (req, res, next) => {
    const url = requestUrl(req);
    if (url && routeIdvSdk(req, res, url, idvSdk)) return;
    const backend = url && backends.find((candidate) => candidate.handles(url.pathname));
    if (url && backend) void backend.handle(req, res, url);
    else next();
  };

  // An armed fault answers first, whatever backend the path belongs to.
  const middleware: Middleware = (req, res, next) =>
    faults.middleware(req, res, (error) =>
      error
        ? next(error)
        : integrator(req, res, (failure) => (failure ? next(failure) : routes(req, res, next))),
    );

  async function serve(port: number, how: { unref?: boolean } = {}): Promise<RunningMockServer> {
    const server = createServer((req: IncomingMessage, res: ServerResponse) =>
      middleware(req, res, () =>
        sendFailure(res, new HttpFailure(404, 'not_found', 'No such endpoint.')),
      ),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    if (how.unref) server.unref();
    const { port: actual } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${actual}`,
      close: () =>
        new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        }),
    };
  }

  async function listen(port = 0): Promise<RunningMockServer> {
    const running = await serve(port);
    ownOrigin ??= running.url;
    return running;
  }

  return { middleware, listen, sessions: sessionV1.sessions, linkKyc, validationV2, faults };
}
