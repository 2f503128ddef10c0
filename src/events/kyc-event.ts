/**
 * Base of every public `kyc-*` event: bubbles and crosses shadow roots so the host page sees it,
 * and carries a readonly typed `detail` (like CustomEvent, but one class per event name).
 */
export abstract class KycEvent<D> extends Event {
  /** What happened, typed per event. */
  readonly detail: D;

  protected constructor(type: string, detail: D, options: { cancelable?: boolean } = {}) {
    super(type, { bubbles: true, composed: true, cancelable: options.cancelable ?? false });
    this.detail = detail;
  }
}
