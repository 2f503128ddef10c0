/** A value a catalog sentence takes: a number, a word, or a list (e.g. the photos to retake). */
export type ReasonValue = string | number | readonly string[];

/**
 * What a person is to be told, by reference: a code the message catalog words
 * (`messages.errors[code]`, `messages.feedback[code]`) and the values its words take. Adapters,
 * controllers and errors give reasons; only `src/i18n/` turns them into sentences.
 */
export interface Reason {
  /** The catalog key, e.g. `camera.permission-denied`, `link-kyc.GLARE`. */
  readonly code: string;
  /** The values the words take (an HTTP status, the photos to retake), when they take any. */
  readonly params?: Readonly<Record<string, ReasonValue>>;
}

/**
 * The root of every error this SDK throws or reports. `code` is stable and meant for programs;
 * `message` is an English line for developers and may change; what the person is told comes from
 * the message catalog through `reason`. The original error, when there is one, is `cause`.
 */
export class KycError extends Error {
  /** Stable machine-readable code, e.g. `camera-denied`, `token-expired`. */
  readonly code: string;
  // Private, so the error's own keys (and what a host logs of it) stay code, message and cause.
  readonly #reason: Reason | undefined;

  constructor(code: string, message: string, options?: { cause?: unknown; reason?: Reason }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.#reason = options?.reason;
  }

  /** What the person is told, as a catalog code and its values: the one given, else the class's. */
  get reason(): Reason {
    return this.#reason ?? this.defaultReason();
  }

  /** The reason of an error made without one: its `code`, which subclasses may qualify. */
  protected defaultReason(): Reason {
    return { code: this.code };
  }
}

/**
 * Raised when `<kyc-capture>` is used without what it needs: a token and a session, a known
 * protocol, or a setting that protocol requires.
 */
export class ConfigurationError extends KycError {
  constructor(message: string, options?: { reason?: Reason }) {
    super('configuration', message, options);
  }

  /**
   * `configuration` with the message as `detail`: the built-in checks give a reason of their own
   * (`configuration.client-id`, …); one thrown without (an integrator's protocol's `validate`) is
   * in the integrator's own words, which the catalog shows as they are.
   */
  protected override defaultReason(): Reason {
    return { code: this.code, params: { detail: this.message } };
  }
}
