// Settings for opening a protocol (the registry's `openProtocol`) in tests.
import type { ProtocolSettings } from '../../src/protocols/registry.js';

/** Settings as a host that set everything would give them, with `overrides` laid over. */
export const protocolSettings = (overrides: Partial<ProtocolSettings> = {}): ProtocolSettings => ({
  token: 'token-1',
  session: 'session-1',
  apiBase: '',
  clientId: undefined,
  getToken: undefined,
  tokenExpiresAt: undefined,
  options: {},
  position: () => Promise.resolve({ latitude: 0, longitude: 0 }),
  ...overrides,
});
