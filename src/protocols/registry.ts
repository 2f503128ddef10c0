// The protocol registry: names → definitions. `<kyc-capture protocol="…">` finds its protocol
// here; the built-in four are registered from the start, an integrator's own with
// `registerProtocol`. Opening a protocol (checking its settings, building its client, loading its
// adapter) is the same for all of them, so it is done here once.
import { KycClient, type TokenExpiry, type TokenGrant } from '../api/client.js';
import { NetworkError } from '../api/errors.js';
import { ConfigurationError, KycError } from '../errors.js';
import { en } from '../i18n/en.js';
import type { ProtocolConfig, ProtocolDefinition } from './definition.js';
import { idvSdkProtocol } from './idv-sdk.protocol.js';
import { linkKycProtocol } from './link-kyc.protocol.js';
import { IDV_SDK, LINK_KYC, SESSION_V1, VALIDATION_V2 } from './names.js';
import { sessionV1Protocol } from './session-v1.protocol.js';
import type { ProtocolAdapter } from './types.js';
import { validationV2Protocol } from './validation-v2.protocol.js';

/** The protocols `<kyc-capture>` knows by name from the start. */
export const ProtocolName = {
  SessionV1: SESSION_V1,
  IdvSdk: IDV_SDK,
  LinkKyc: LINK_KYC,
  ValidationV2: VALIDATION_V2,
} as const;

/** The protocol `<kyc-capture>` talks when its `protocol` is not set. */
export const DEFAULT_PROTOCOL: ProtocolName = ProtocolName.SessionV1;

/**
 * The names of protocols an integrator registers, for the `protocol` property's type. Declaration
 * merging adds one: `declare module 'kyc-capture' { interface CustomProtocolNames { acme: true } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface CustomProtocolNames {}

/** A protocol known by name: a built-in one, or one named in {@link CustomProtocolNames}. */
export type ProtocolName =
  (typeof ProtocolName)[keyof typeof ProtocolName] | Extract<keyof CustomProtocolNames, string>;

const protocols = new Map<string, ProtocolDefinition>(
  [sessionV1Protocol, idvSdkProtocol, linkKycProtocol, validationV2Protocol].map((definition) => [
    definition.name,
    definition,
  ]),
);

/**
 * Makes a protocol available to every `<kyc-capture>` of the page by its name (replacing one of
 * the same name): set `protocol` to that name and the element validates, plans and loads it like
 * a built-in one.
 */
export function registerProtocol(definition: ProtocolDefinition): void {
  protocols.set(definition.name, definition);
}

/** The protocol registered under `name`, if any. */
export function findProtocol(name: string): ProtocolDefinition | undefined {
  return protocols.get(name);
}

/** What the element holds that opening a protocol needs (its properties, as the host set them). */
export interface ProtocolSettings extends Omit<ProtocolConfig, 'session'> {
  readonly session: string | undefined;
  readonly token: string | undefined;
  readonly apiBase: string;
  readonly getToken: (() => Promise<string | TokenGrant>) | undefined;
  readonly tokenExpiresAt: TokenExpiry | undefined;
}

/**
 * Builds the adapter of the protocol named `name`. Configuration problems throw at once (unknown
 * name, no token or session, the protocol's own settings); a module that fails to load (offline)
 * rejects with a `NetworkError`.
 */
export function openProtocol(name: string, settings: ProtocolSettings): Promise<ProtocolAdapter> {
  const definition = findProtocol(name);
  if (!definition) {
    throw new ConfigurationError(en.errors['configuration.unknown-protocol']({ protocol: name }), {
      reason: { code: 'configuration.unknown-protocol', params: { protocol: name } },
    });
  }
  const { token, session } = settings;
  if (!token || !session) {
    throw new ConfigurationError(en.errors['configuration.incomplete-link'], {
      reason: { code: 'configuration.incomplete-link' },
    });
  }
  const config: ProtocolConfig = {
    session,
    clientId: settings.clientId,
    options: settings.options,
    position: settings.position,
  };
  definition.validate?.(config);
  const headers = definition.headers?.(config);
  const client = new KycClient({
    baseUrl: settings.apiBase,
    token,
    getToken: settings.getToken,
    tokenExpiresAt: settings.tokenExpiresAt,
    ...(headers ? { headers } : {}),
  });
  return load(definition, client, config);
}

async function load(
  definition: ProtocolDefinition,
  client: KycClient,
  config: ProtocolConfig,
): Promise<ProtocolAdapter> {
  try {
    return await definition.load(client, config);
  } catch (error) {
    if (error instanceof KycError) throw error;
    throw new NetworkError(en.errors['network-error.module-load'], {
      cause: error,
      reason: { code: 'network-error.module-load' },
    });
  }
}
