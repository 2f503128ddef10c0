// idv-sdk's settings, checked in one place for its definition (`validate`, loaded with the element)
// and its adapter (built directly by integrators who pass `adapter`): the path of each operation
// (seed 001 names operations, not paths) and the seed's `document_type_e` for each document the
// person may choose. A module without a dynamic import, for the reason names.ts gives.
import { ConfigurationError } from '../errors.js';
import { en } from '../i18n/en.js';
import type { DocumentType } from '../steps.js';

/**
 * The path of each IDV SDK operation, relative to `apiBase`: the mock's choices, which the
 * integrator overrides (`protocolOptions.paths`) with the real service's.
 */
export const IDV_SDK_DEFAULT_PATHS = {
  ping: '/idv-sdk/ping',
  health: '/idv-sdk/health',
  sessionRead: '/idv-sdk/session/read',
  consent: '/idv-sdk/consent',
  documentType: '/idv-sdk/document-type',
  documentFront: '/idv-sdk/document/front',
  documentBack: '/idv-sdk/document/back',
  livenessGenerate: '/idv-sdk/liveness/generate',
  livenessProcess: '/idv-sdk/liveness/process',
  metadata: '/idv-sdk/metadata',
  finalize: '/idv-sdk/finalize',
} as const;
/** One IDV SDK operation, named as {@link IDV_SDK_DEFAULT_PATHS} names it. */
export type IdvSdkOperation = keyof typeof IDV_SDK_DEFAULT_PATHS;
/** A path per operation (all of them, after defaults are filled in). */
export type IdvSdkPaths = Readonly<Record<IdvSdkOperation, string>>;
/** `protocolOptions.paths`: the operations whose path differs from the default. */
export type IdvSdkPathOverrides = Readonly<Partial<Record<IdvSdkOperation, string>>>;

/** Seed 001's `document_type_e` values that name a document (its enum without `unknown`). */
export type IdvDocumentType =
  'driver_license' | 'identification_card' | 'passport' | 'passport_card';
/** `protocolOptions.idvDocumentTypes`: the `document_type_e` sent for a document choice. */
export type IdvDocumentTypeOverrides = Readonly<Partial<Record<DocumentType, IdvDocumentType>>>;

/** The `document_type_e` sent for each choice when the integrator does not say otherwise. */
export const IDV_DOCUMENT_TYPE: Readonly<Record<DocumentType, IdvDocumentType>> = {
  identity_card: 'identification_card',
  drivers_license: 'driver_license',
  passport: 'passport',
};

/**
 * The values a choice may be sent as. A passport card (ID-1, front and back) stands in for an
 * identity card or a driving licence, whose steps and card outline it shares; a passport's data
 * page (one side, ID-3) is only ever a passport.
 */
const ALLOWED: Readonly<Record<DocumentType, readonly IdvDocumentType[]>> = {
  identity_card: ['identification_card', 'driver_license', 'passport_card'],
  drivers_license: ['identification_card', 'driver_license', 'passport_card'],
  passport: ['passport'],
};

const hasOwn = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);

function pathError(operation: string): ConfigurationError {
  return new ConfigurationError(en.errors['configuration.idv-sdk-path']({ operation }), {
    reason: { code: 'configuration.idv-sdk-path', params: { operation } },
  });
}

/**
 * Whether a path is one the client may join to `apiBase`: it starts with one `/` (two would name
 * another host), and has no scheme, query, fragment, backslash, white space or `..` segment.
 */
function isRelativePath(path: unknown): path is string {
  return (
    typeof path === 'string' &&
    path.length <= 512 &&
    /^\/(?!\/)[^\s?#\\]*$/.test(path) &&
    !path.split('/').some((segment) => segment === '..' || segment === '.')
  );
}

/**
 * The path of every operation: the defaults with `overrides` over them.
 * @throws ConfigurationError (`configuration.idv-sdk-path`) for an unknown operation or a path
 * that is not relative to `apiBase`.
 */
export function resolveIdvSdkPaths(overrides: unknown): IdvSdkPaths {
  if (overrides === undefined) return IDV_SDK_DEFAULT_PATHS;
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw pathError('paths');
  }
  const paths: Record<string, string> = { ...IDV_SDK_DEFAULT_PATHS };
  for (const [operation, path] of Object.entries(overrides)) {
    if (!hasOwn(IDV_SDK_DEFAULT_PATHS, operation) || !isRelativePath(path)) {
      throw pathError(operation);
    }
    paths[operation] = path;
  }
  return paths as IdvSdkPaths;
}

/**
 * The `document_type_e` for each choice: the defaults with `overrides` over them.
 * @throws ConfigurationError (`configuration.idv-sdk-document-type`) for an unknown choice, a
 * value outside seed 001's enum, or a value of another format (a passport sent as a card).
 */
export function resolveIdvDocumentTypes(
  overrides: unknown,
): Readonly<Record<DocumentType, IdvDocumentType>> {
  if (overrides === undefined) return IDV_DOCUMENT_TYPE;
  const fail = (documentType: string) =>
    new ConfigurationError(en.errors['configuration.idv-sdk-document-type']({ documentType }), {
      reason: { code: 'configuration.idv-sdk-document-type', params: { documentType } },
    });
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw fail('idvDocumentTypes');
  }
  const types: Record<string, IdvDocumentType> = { ...IDV_DOCUMENT_TYPE };
  for (const [choice, value] of Object.entries(overrides)) {
    const allowed = hasOwn(ALLOWED, choice) ? ALLOWED[choice as DocumentType] : [];
    if (!(allowed as readonly unknown[]).includes(value)) throw fail(choice);
    types[choice] = value as IdvDocumentType;
  }
  return types as Record<DocumentType, IdvDocumentType>;
}
