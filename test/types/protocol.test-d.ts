// A protocol of the integrator's own: registered at run time, named for `protocol`'s type by
// declaration merging, as `HTMLElementTagNameMap` names custom elements.
import 'kyc-capture/define';
import {
  ConfigurationError,
  registerProtocol,
  type KycCaptureElement,
  type ProtocolAdapter,
  type ProtocolDefinition,
} from 'kyc-capture';

declare module 'kyc-capture' {
  interface CustomProtocolNames {
    acme: true;
  }
}

const adapter: ProtocolAdapter = {
  name: 'acme',
  start: () => Promise.resolve({}),
  send: () => Promise.resolve({ accepted: true, feedback: 'ok', complete: true }),
};
const acme: ProtocolDefinition = {
  name: 'acme',
  validate: ({ options }) => {
    if (!options.endeavorId) throw new ConfigurationError('acme needs endeavorId.');
  },
  planSteps: () => ['document_front', 'selfie'],
  headers: ({ clientId }) => ({ 'X-Acme-Client': clientId ?? '' }),
  load: (client, { session }) =>
    client.token && session ? Promise.resolve(adapter) : Promise.reject(new Error()),
};
registerProtocol(acme);

const created: KycCaptureElement = document.createElement('kyc-capture');
created.protocol = 'acme';
// @ts-expect-error -- registered names only: still not a protocol the element knows
created.protocol = 'soap';
// @ts-expect-error -- a definition names its protocol and loads its adapter
registerProtocol({ name: 'acme' });

export { created };
