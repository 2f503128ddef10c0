// The one seam between codes and sentences. Adapters, controllers and errors say what happened as a
// reason code with values (`Reason`); the functions here look the code up in the message catalog
// and word it. A language is a catalog file (`en.ts`, `es.ts`, …, listed in `catalogs.ts`);
// nothing outside `src/i18n/` writes person-facing text.
import type { Reason, ReasonValue } from '../errors.js';
import type { Messages, Wording } from './en.js';

/** Any part of a catalog entry: a sentence or function as it is, a table entry by entry. */
type Override<T> = T extends string | ((...args: never[]) => unknown)
  ? T
  : { readonly [K in keyof T]?: Override<T[K]> };

/**
 * What a host may set as `messages`: any subset of the catalog, at any depth (`{ feedback: { glare:
 * '…' } }` keeps every other feedback line). `feedback` and `errors` also take codes of the host's
 * own (a custom adapter's reasons and errors).
 */
export type MessageOverrides = { readonly [K in keyof Messages]?: Override<Messages[K]> } & {
  readonly feedback?: Readonly<Record<string, Wording>>;
  readonly errors?: Readonly<Record<string, Wording>>;
};

function isTable(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(
  base: Readonly<Record<string, unknown>>,
  overrides: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] = isTable(value) && isTable(current) ? merge(current, value) : value;
  }
  return merged;
}

/** A language's catalog (English by default) with a host's overrides laid over it, entry by entry. */
export function withOverrides(base: Messages, overrides: MessageOverrides | undefined): Messages {
  if (!overrides) return base;
  return merge(base, overrides) as Messages;
}

/** A code's words in a table, with the reason's values; undefined when the table has none. */
function word(table: object, reason: Reason | undefined): string | undefined {
  if (!reason || !Object.hasOwn(table, reason.code)) return undefined;
  const entry: unknown = (table as Readonly<Record<string, unknown>>)[reason.code];
  if (typeof entry === 'string') return entry;
  if (typeof entry !== 'function') return undefined;
  const params: Readonly<Record<string, ReasonValue>> = reason.params ?? {};
  return (entry as (values: typeof params) => string)(params);
}

/** What a retake is about: the backend's feedback value and the adapter's reason, if any. */
export interface FeedbackSubject {
  /** The backend's own feedback value (e.g. `glare`). */
  readonly feedback?: string;
  /** The adapter's reason, which wins when the catalog has words for it. */
  readonly reason?: Reason;
}

/**
 * Why the person is asked for a photo again: the words for the adapter's reason, else for the
 * feedback value (session-v1's vocabulary, which any adapter may use), else a generic line.
 */
export function feedbackText(messages: Messages, subject: FeedbackSubject): string {
  return (
    word(messages.feedback, subject.reason) ??
    word(messages.feedback, { code: subject.feedback ?? '' }) ??
    messages.feedbackUnknown
  );
}

/** What failed: a `KycError` or the flow's record of one. */
export interface ErrorSubject {
  /** The error's stable code. */
  readonly code: string;
  /** The error's reason (`KycError#reason`); without it, the code is worded. */
  readonly reason?: Reason;
  /** Where it happened, when known (`camera` errors read differently inside another app). */
  readonly phase?: string;
}

/**
 * The error screen's line: inside another app's web view, the app's own line for a camera error
 * where the catalog has one (`inAppCamera`: the browser settings the usual line points to do not
 * exist there); else the words for the error's reason; else the catalog's `unknown` line.
 */
export function errorText(
  messages: Messages,
  error: ErrorSubject,
  context: { readonly inApp?: boolean } = {},
): string {
  const reason = error.reason ?? { code: error.code };
  if (context.inApp && error.phase === 'camera' && reason.code === `camera.${error.code}`) {
    const line = word(messages.inAppCamera, { code: error.code });
    if (line !== undefined) return line;
  }
  return word(messages.errors, reason) ?? messages.errors.unknown;
}

/**
 * What the person can do next about an error (`errorSteps`), under its line; undefined when the
 * catalog has nothing for it, or when the line already says it (another app's camera lines).
 */
export function errorStep(
  messages: Messages,
  error: ErrorSubject,
  context: { readonly inApp?: boolean } = {},
): string | undefined {
  const reason = error.reason ?? { code: error.code };
  if (
    context.inApp &&
    error.phase === 'camera' &&
    Object.hasOwn(messages.inAppCamera, error.code)
  ) {
    return undefined;
  }
  return word(messages.errorSteps, reason);
}
