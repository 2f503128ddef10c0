// The session-v1 mock's reading of an add-image body, written from seed 004 ("Add image to
// session"), not from the SDK's wire module: the mock is the other side of the contract and must
// not share the adapter's mistakes.
//
// What the seed fixes: the body is a JSON object; `image` ("The image to add") is a required
// object; `device_info` ("The device information") is an optional object. Nothing inside either is
// specified, so `device_info` is stored as it comes, and inside `image` the mock asks only for what
// it cannot work without: `type`, which of the session's images this is (the names the session
// speaks, see `image_names` in mock/session-v1.ts), and `data`, the bytes as bare base64. The other
// fields the SDK sends (`mime_type`, `width`, `height`, `document_type`, `source`, `captured_at`)
// are optional; when present they must be well-formed, and the mock checks them against the bytes.
import { isRecord } from '../src/internal/guards.ts';
import { HttpFailure } from './http.ts';

/** The document types the mock tells apart (a passport has no back). */
export const MOCK_DOCUMENT_TYPES = ['passport', 'identity_card', 'drivers_license'] as const;
/** One document type the mock knows. */
export type MockDocumentType = (typeof MOCK_DOCUMENT_TYPES)[number];

const MIME_TYPES = ['image/jpeg', 'image/png'] as const;
const SOURCES = ['camera', 'file'] as const;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** An add-image body as the mock understood it. */
export interface MockAddImage<Name extends string> {
  /** Which image, as the SDK's step name the session's own name maps to. */
  readonly type: Name;
  /** The bytes, base64. */
  readonly data: string;
  /** The declared format, when given. */
  readonly mimeType: (typeof MIME_TYPES)[number] | undefined;
  /** The declared width, when given. */
  readonly width: number | undefined;
  /** The declared height, when given. */
  readonly height: number | undefined;
  /** The document type, when given (ignored on a selfie). */
  readonly documentType: MockDocumentType | undefined;
  /** Camera or file, when given. */
  readonly source: (typeof SOURCES)[number] | undefined;
  /** When it was taken, when given. */
  readonly capturedAt: string | undefined;
  /** `device_info` as sent (the seed leaves its fields open), or undefined. */
  readonly deviceInfo: Readonly<Record<string, unknown>> | undefined;
}

const missing = (field: string) => new HttpFailure(400, 'missing_field', `${field} is required.`);
const invalid = (field: string, what: string) =>
  new HttpFailure(400, 'invalid_field', `${field} must be ${what}.`);

function optional<T>(
  image: Record<string, unknown>,
  key: string,
  check: (value: unknown) => value is T,
  what: string,
): T | undefined {
  const value = image[key];
  if (value === undefined) return undefined;
  if (!check(value)) throw invalid(`image.${key}`, what);
  return value;
}

const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (allowed as readonly string[]).includes(value);
const positiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;
const isoDate = (value: unknown): value is string =>
  typeof value === 'string' && ISO_8601.test(value) && !Number.isNaN(Date.parse(value));

/**
 * Reads an add-image body as the seed defines it. `names` maps the image names this session
 * speaks (`image.type`, `missing_images`) to the step each one is. Throws an {@link HttpFailure}
 * (400) naming the first problem.
 */
export function readAddImageBody<Name extends string>(
  body: unknown,
  names: ReadonlyMap<string, Name>,
): MockAddImage<Name> {
  if (!isRecord(body))
    throw new HttpFailure(400, 'malformed_body', 'The body must be a JSON object.');
  if (body['image'] === undefined) throw missing('image');
  const image = body['image'];
  if (!isRecord(image)) throw invalid('image', 'an object');
  const deviceInfo = body['device_info'];
  if (deviceInfo !== undefined && !isRecord(deviceInfo)) throw invalid('device_info', 'an object');

  const rawType = image['type'];
  if (rawType === undefined) throw missing('image.type');
  const type = typeof rawType === 'string' ? names.get(rawType) : undefined;
  if (type === undefined) throw invalid('image.type', `one of ${[...names.keys()].join(', ')}`);
  const data = image['data'];
  if (data === undefined) throw missing('image.data');
  if (typeof data !== 'string') throw invalid('image.data', 'a string');
  if (data.startsWith('data:')) {
    throw new HttpFailure(400, 'invalid_base64', 'image.data must be bare base64, without data:.');
  }
  if (data.length === 0 || data.length % 4 !== 0 || !BASE64.test(data)) {
    throw new HttpFailure(400, 'invalid_base64', 'image.data is not valid base64.');
  }
  return {
    type,
    data,
    mimeType: optional(image, 'mime_type', oneOf(MIME_TYPES), MIME_TYPES.join(' or ')),
    width: optional(image, 'width', positiveInteger, 'a positive integer'),
    height: optional(image, 'height', positiveInteger, 'a positive integer'),
    documentType: optional(
      image,
      'document_type',
      oneOf(MOCK_DOCUMENT_TYPES),
      `one of ${MOCK_DOCUMENT_TYPES.join(', ')}`,
    ),
    source: optional(image, 'source', oneOf(SOURCES), SOURCES.join(' or ')),
    capturedAt: optional(image, 'captured_at', isoDate, 'an ISO 8601 date-time'),
    deviceInfo,
  };
}
