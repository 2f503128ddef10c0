// Type guards for untrusted JSON (server replies, request bodies), shared by the protocol adapters
// and the mock backends. Internal: a leaf module (no imports). The server helper (server/) is
// built on its own (rootDir server/, no DOM) and keeps its own copy in server/json-fields.ts.

/** Whether a value is a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
