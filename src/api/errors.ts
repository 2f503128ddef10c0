import { KycError, type Reason } from '../errors.js';
import { en } from '../i18n/en.js';

/** Stable codes of the errors {@link KycClient} throws. */
export const ApiErrorCode = {
  /** The server answered with an error status (4xx other than 401, or 5xx/408/429 after retries). */
  Http: 'http-error',
  /** The request never got an answer (offline, DNS, connection reset, CORS refusal). */
  Network: 'network-error',
  /** One attempt took longer than the client's `timeoutMs`. */
  Timeout: 'timeout',
  /** The token was refused (401) and no fresh one could be obtained. */
  TokenExpired: 'token-expired',
  /** The server answered, but not with the JSON the protocol expects. */
  BadResponse: 'bad-response',
  /** The caller cancelled the request through its `AbortSignal`. */
  Aborted: 'aborted',
  /** The server refused an upload as too large (413), even after it was re-encoded smaller. */
  UploadTooLarge: 'upload-too-large',
} as const;
/** One of the stable API error codes. */
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

/** How much of an error body is kept: enough to debug, never a whole HTML page in memory. */
const MAX_BODY_TEXT = 500;

/** Cuts a response body down to something safe to keep on an error object. */
export function shortenBody(text: string): string {
  return text.length > MAX_BODY_TEXT ? `${text.slice(0, MAX_BODY_TEXT)}…` : text;
}

/** Whether an HTTP status is worth retrying: the server may answer differently a moment later. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** What an {@link HttpError} knows about the failed response. */
export interface HttpErrorDetails {
  /** The HTTP status. */
  readonly status: number;
  /** The server's own error code (e.g. `token_wrong_session`), when the body had one. */
  readonly serverCode?: string;
  /** The server's own error message, when the body had one. */
  readonly serverMessage?: string;
  /** The start of the response body, for debugging. */
  readonly bodyText?: string;
}

/** The server answered with an error status. */
export class HttpError extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: 'http-error';
  /** The HTTP status. */
  readonly status: number;
  /** The server's own error code, when the body had one. */
  readonly serverCode: string | undefined;
  /** The server's own error message, when the body had one. */
  readonly serverMessage: string | undefined;
  /** The start of the response body (at most 500 characters), for debugging. */
  readonly bodyText: string;
  /** True for 408, 429 and 5xx: the same request can succeed later. */
  readonly retryable: boolean;

  constructor(details: HttpErrorDetails, options?: { cause?: unknown }) {
    const { status, serverCode = '' } = details;
    super('http-error', en.errors['http-error']({ status, serverCode }), options);
    this.status = details.status;
    this.serverCode = details.serverCode;
    this.serverMessage = details.serverMessage;
    this.bodyText = shortenBody(details.bodyText ?? '');
    this.retryable = isRetryableStatus(details.status);
  }

  /** `http-error` with the status and the server's own code, which the English line names. */
  protected override defaultReason(): Reason {
    return {
      code: this.code,
      params: { status: this.status, serverCode: this.serverCode ?? '' },
    };
  }
}

/** The request never got an answer. */
export class NetworkError extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: 'network-error';
  /** Always true: connections come back. */
  readonly retryable = true;

  constructor(
    message: string = en.errors['network-error'],
    options?: { cause?: unknown; reason?: Reason },
  ) {
    super('network-error', message, options);
  }
}

/** One attempt took longer than the configured timeout. */
export class TimeoutError extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: 'timeout';
  /** The per-attempt timeout that was exceeded, in ms. */
  readonly timeoutMs: number;
  /** Always true: a slow network is often a passing one. */
  readonly retryable = true;

  constructor(timeoutMs: number, options?: { cause?: unknown; reason?: Reason }) {
    super(
      'timeout',
      options?.reason?.code === 'timeout.token-renewal'
        ? en.errors['timeout.token-renewal']
        : en.errors.timeout,
      options,
    );
    this.timeoutMs = timeoutMs;
  }
}

/** The token was refused and could not be renewed. */
export class TokenExpiredError extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: 'token-expired';
  /** The server's own error code (e.g. `token_expired`, `token_invalid`), when it sent one. */
  readonly serverCode: string | undefined;
  /** Always false: only a new link or token from the host page can help. */
  readonly retryable = false;

  constructor(serverCode?: string, options?: { cause?: unknown }) {
    super('token-expired', en.errors['token-expired'], options);
    this.serverCode = serverCode;
  }
}

/** The server answered 2xx, but the body is not what the protocol promises. */
export class ResponseFormatError extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: 'bad-response';
  /** The start of the response body (at most 500 characters), for debugging. */
  readonly bodyText: string;
  /** Always false: a server speaking another format will keep doing so. */
  readonly retryable = false;

  constructor(message: string, bodyText = '', options?: { cause?: unknown }) {
    super('bad-response', message, options);
    this.bodyText = shortenBody(bodyText);
  }

  /** `bad-response` with what was wrong (`detail`), which the English line shows as it is. */
  protected override defaultReason(): Reason {
    return { code: this.code, params: { detail: this.message } };
  }
}

/** The caller aborted the request. */
export class AbortedError extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: 'aborted';
  /** Always false: the caller chose to stop. */
  readonly retryable = false;

  constructor(options?: { cause?: unknown }) {
    super('aborted', en.errors.aborted, options);
  }
}

/** The server refused an image as too large (413), even once re-encoded smaller. */
export class UploadTooLargeError extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: 'upload-too-large';
  /** Always false: the same image would be refused again; a new photo can help (retake). */
  readonly retryable = false;

  constructor(options?: { cause?: unknown }) {
    super('upload-too-large', en.errors['upload-too-large'], options);
  }
}
