// The protocol registry: the built-in definitions' rules (exact messages, since hosts show them),
// the common checks of opening a protocol, and a custom protocol registered like a built-in one.
// The element using a registered protocol end to end is in kyc-capture.test.ts.
import { expect } from '@open-wc/testing';
import { NetworkError } from '../api/errors.js';
import { ConfigurationError } from '../errors.js';
import type { ProtocolDefinition } from './definition.js';
import { findProtocol, openProtocol, ProtocolName, registerProtocol } from './registry.js';
import type { ProtocolAdapter } from './types.js';
import { thrown } from '../../test/helpers/async.js';
import { protocolSettings as settings } from '../../test/helpers/protocols.js';

/** The configuration error `fn` threw, by message. */
function configurationMessage(fn: () => unknown): string {
  const error = thrown(fn);
  expect(error).to.be.instanceOf(ConfigurationError);
  expect((error as ConfigurationError).code).to.equal('configuration');
  return (error as Error).message;
}

const fakeAdapter = (name: string): ProtocolAdapter => ({
  name,
  start: () => Promise.resolve({}),
  send: () => Promise.resolve({ accepted: true, feedback: 'ok', complete: true }),
});

describe('protocol registry', () => {
  it('knows the four built-in protocols by the names ProtocolName lists', () => {
    for (const name of Object.values(ProtocolName)) {
      expect(findProtocol(name)?.name).to.equal(name);
    }
    expect(findProtocol('soap')).to.equal(undefined);
  });

  it('refuses an unknown name, then a missing token or session, before anything else', () => {
    expect(configurationMessage(() => openProtocol('soap', settings()))).to.equal(
      'Unknown protocol "soap".',
    );
    const incomplete = 'This verification link is incomplete: the session or its token is missing.';
    expect(
      configurationMessage(() => openProtocol('session-v1', settings({ token: '' }))),
    ).to.equal(incomplete);
    // The common check comes before the protocol's own (idv-sdk without its client id either).
    expect(
      configurationMessage(() => openProtocol('idv-sdk', settings({ session: undefined }))),
    ).to.equal(incomplete);
  });

  it('names the setting each built-in protocol needs', () => {
    expect(configurationMessage(() => openProtocol('idv-sdk', settings()))).to.equal(
      'The idv-sdk protocol needs the client id (client-id).',
    );
    expect(configurationMessage(() => openProtocol('link-kyc', settings()))).to.equal(
      'The link-kyc protocol needs the issuing country (protocolOptions.expeditorCountry).',
    );
    const validation = findProtocol('validation-v2')!;
    expect(
      configurationMessage(() =>
        validation.validateDocument!('passport', { documentTypeCodes: { drivers_license: 1 } }),
      ),
    ).to.equal(
      "The validation-v2 protocol needs the API's code for passport (protocolOptions.documentTypeCodes).",
    );
    expect(() =>
      validation.validateDocument!('passport', { documentTypeCodes: { passport: 0 } }),
    ).to.not.throw();
  });

  it('plans the images each built-in protocol takes: no back for validation-v2', () => {
    for (const name of ['session-v1', 'idv-sdk', 'link-kyc']) {
      expect(findProtocol(name)!.planSteps!('identity_card')).to.deep.equal([
        'document_front',
        'document_back',
        'selfie',
      ]);
    }
    expect(findProtocol('validation-v2')!.planSteps!('identity_card')).to.deep.equal([
      'document_front',
      'selfie',
    ]);
  });

  it('loads the built-in adapters, each under its own name', async () => {
    const options = { expeditorCountry: 'ES', documentTypeCodes: { passport: 1 } };
    for (const name of Object.values(ProtocolName)) {
      const adapter = await openProtocol(name, settings({ clientId: 'client-1', options }));
      expect(adapter.name).to.equal(name);
    }
  });

  it('opens a registered protocol: its checks, its headers on the client, its adapter', async () => {
    const seen: { session?: string; clientId?: string; headers?: Headers; url?: string } = {};
    const definition: ProtocolDefinition = {
      name: 'registry-test',
      validate: ({ options }) => {
        if (!options.endeavorId) throw new ConfigurationError('registry-test needs endeavorId.');
      },
      headers: ({ clientId }) => ({ 'X-Test-Client': clientId ?? '' }),
      load: async (client, config) => {
        seen.session = config.session;
        seen.clientId = config.clientId;
        await client.request('GET', '/ping');
        return fakeAdapter('registry-test');
      },
    };
    registerProtocol(definition);
    expect(findProtocol('registry-test')).to.equal(definition);
    expect(configurationMessage(() => openProtocol('registry-test', settings()))).to.equal(
      'registry-test needs endeavorId.',
    );

    const original = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      seen.url = String(input);
      seen.headers = new Headers(init?.headers);
      return Promise.resolve(new Response('{}', { status: 200 }));
    };
    try {
      const adapter = await openProtocol(
        'registry-test',
        settings({ apiBase: 'https://api.example', clientId: 'c-9', options: { endeavorId: 'e' } }),
      );
      expect(adapter.name).to.equal('registry-test');
    } finally {
      globalThis.fetch = original;
    }
    expect([seen.session, seen.clientId, seen.url]).to.deep.equal([
      'session-1',
      'c-9',
      'https://api.example/ping',
    ]);
    expect(seen.headers?.get('X-Test-Client')).to.equal('c-9');
    expect(seen.headers?.get('Authorization')).to.equal('Bearer token-1');
  });

  it('turns a module that fails to load into a NetworkError, and keeps typed errors as they are', async () => {
    registerProtocol({
      name: 'registry-offline',
      load: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
    });
    const offline = await openProtocol('registry-offline', settings()).catch((e: unknown) => e);
    expect(offline).to.be.instanceOf(NetworkError);
    expect((offline as Error).cause).to.be.instanceOf(TypeError);

    const typed = new ConfigurationError('typed');
    registerProtocol({ name: 'registry-typed', load: () => Promise.reject(typed) });
    expect(await openProtocol('registry-typed', settings()).catch((e: unknown) => e)).to.equal(
      typed,
    );
  });
});
