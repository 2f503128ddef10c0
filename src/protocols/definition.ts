// What a protocol is to `<kyc-capture>`: a name, the settings it checks, the steps it plans for a
// document, the headers its client sends and the adapter it loads. The built-in definitions sit
// next to their adapters (`*.protocol.ts`); the registry (registry.ts) maps names to them.
import type { KycClient } from '../api/client.js';
import type { GeoPosition } from '../api/geolocation.js';
import type { CaptureStep, DocumentType, ImageStep } from '../steps.js';
import type { IdvDocumentTypeOverrides, IdvSdkPathOverrides } from './idv-sdk-options.js';
import type { ProtocolAdapter } from './types.js';

/** Settings of the protocols that need more than a token and a session id (`protocolOptions`). */
export interface ProtocolOptions {
  /** link-kyc: the document's issuing country, ISO 3166-1 alpha-2 (`expeditorCountry`). */
  readonly expeditorCountry?: string;
  /** link-kyc: ask for a certified verification (the integrator's proxy may override it). */
  readonly certify?: boolean;
  /** link-kyc: force manual verification (the integrator's proxy may override it). */
  readonly manualVerification?: boolean;
  /** validation-v2: the API's numeric `documentType` per document (10, face only, is built in). */
  readonly documentTypeCodes?: Readonly<Partial<Record<DocumentType, number>>>;
  /** validation-v2: the LRS endeavor id, where the platform uses LRS. */
  readonly endeavorId?: string;
  /**
   * session-v1: the backend's own name of an image where it is not the SDK's (`document_front`,
   * `document_back`, `selfie`), e.g. `{ selfie: 'SELFIE' }`: sent as `image.type` and read back
   * in `missing_images` (seed 004 does not fix the names).
   */
  readonly imageNames?: Readonly<Partial<Record<ImageStep, string>>>;
  /** idv-sdk: the path of each operation relative to `apiBase` (partial; the rest default). */
  readonly paths?: IdvSdkPathOverrides;
  /** idv-sdk: the `document_type_e` a choice is sent as, e.g. `{ identity_card: 'passport_card' }`. */
  readonly idvDocumentTypes?: IdvDocumentTypeOverrides;
}

/** What the element gives a protocol to check its settings and build its adapter. */
export interface ProtocolConfig {
  /** The session id (`session`), checked present. */
  readonly session: string;
  /** The integrator's client id (`clientId`), when set. */
  readonly clientId: string | undefined;
  /** The protocol settings (`protocolOptions`). */
  readonly options: ProtocolOptions;
  /**
   * The position to send with the images: the browser's when allowed, else the host's `location`;
   * it resolves undefined when the browser gives none and there is no `location`. Undefined when
   * the host turned neither on (no position is ever made up).
   */
  readonly position: (() => Promise<GeoPosition | undefined>) | undefined;
}

/**
 * One backend protocol as `<kyc-capture protocol=…>` knows it. Every rule of a protocol lives in
 * its definition; the element and the flow controller ask it and name no protocol.
 */
export interface ProtocolDefinition {
  /** The name the `protocol` property selects it by, e.g. `session-v1`. */
  readonly name: string;
  /**
   * Throws a `ConfigurationError` naming a setting the protocol needs and the host did not give.
   * Runs before the adapter is built (token and session are checked before it).
   */
  readonly validate?: (config: ProtocolConfig) => void;
  /**
   * Throws a `ConfigurationError` when the chosen document cannot be sent with these settings;
   * runs when the person starts a flow with a document step, before any photo.
   */
  readonly validateDocument?: (documentType: DocumentType, options: ProtocolOptions) => void;
  /** The images a document type needs with this protocol; default `stepsForDocument`. */
  readonly planSteps?: (documentType: DocumentType) => readonly CaptureStep[];
  /** Headers the protocol's client sends on every call (after `validate` passed). */
  readonly headers?: (config: ProtocolConfig) => Readonly<Record<string, string>>;
  /**
   * Builds the adapter over a client that carries the token and `headers`. Built-in protocols
   * other than session-v1 import their module here, so a page loads only the one it talks to.
   */
  readonly load: (client: KycClient, config: ProtocolConfig) => Promise<ProtocolAdapter>;
}
