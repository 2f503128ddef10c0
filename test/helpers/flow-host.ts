// A stand-in for `<kyc-capture>` as its flow controller sees it (FlowHost): the host's settings as
// plain fields, events recorded, no rendering. Tests drive the real FlowController, with the real
// protocol adapters and the mock backend, without a camera.
import type { ReactiveController } from 'lit';
import { waitUntil } from '@open-wc/testing';
import { FlowController, type FlowHost } from '../../src/flow/flow-controller.js';
import type { FlowStatus } from '../../src/steps.js';
import { en } from '../../src/i18n/en.js';

/** Settings a test may give its host; the rest keep the element's defaults. */
export type FlowHostSettings = Partial<Omit<FlowHost, keyof EventTarget | 'renderRoot' | 'text'>>;

/** A FlowHost without an element: settings as fields, every `kyc-*` event kept in `events`. */
export class TestFlowHost extends EventTarget {
  readonly events: Event[] = [];
  readonly #controllers: ReactiveController[] = [];
  readonly text = en;
  readonly renderRoot = document.createElement('div');
  readonly updateComplete = Promise.resolve(true);

  constructor(settings: FlowHostSettings) {
    super();
    Object.assign(this, { protocol: 'session-v1', apiBase: '', protocolOptions: {} }, settings);
  }

  override dispatchEvent(event: Event): boolean {
    this.events.push(event);
    return super.dispatchEvent(event);
  }

  addController(controller: ReactiveController): void {
    this.#controllers.push(controller);
  }

  removeController(): void {}

  requestUpdate(): void {
    // The element renders, then its controllers hear `hostUpdated`: after the current task here.
    queueMicrotask(() => this.#controllers.forEach((c) => c.hostUpdated?.()));
  }

  /** The names of the events dispatched so far. */
  get eventTypes(): string[] {
    return this.events.map((event) => event.type);
  }
}

/** A flow controller over a {@link TestFlowHost} with `settings`. */
export function testFlow(settings: FlowHostSettings): { host: TestFlowHost; flow: FlowController } {
  const host = new TestFlowHost(settings);
  const states = new Set<string>() as unknown as CustomStateSet;
  const flow = new FlowController(host as unknown as FlowHost, { states });
  return { host, flow };
}

/** Waits until the flow leaves `uploading` (its answer and effects ran), then for `status`. */
export async function settled(flow: FlowController, status?: FlowStatus): Promise<void> {
  await waitUntil(() => flow.state.status !== 'uploading', 'upload answered', { timeout: 10000 });
  if (status) await waitUntil(() => flow.state.status === status, `flow ${status}`);
}
