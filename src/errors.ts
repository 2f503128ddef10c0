/**
 * The root of every error this SDK throws or reports. `code` is stable and meant for programs;
 * `message` is for people and may change. The original error, when there is one, is `cause`.
 */
export class KycError extends Error {
  /** Stable machine-readable code, e.g. `camera-denied`, `token-expired`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Raised when `<kyc-capture>` is used without what it needs: a token and a session, a known
 * protocol, or a setting that protocol requires.
 */
export class ConfigurationError extends KycError {
  constructor(message: string) {
    super('configuration', message);
  }
}
