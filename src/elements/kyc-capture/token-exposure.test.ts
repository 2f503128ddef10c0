// Tokens live in memory only: a whole flow runs with a distinctive token (and a renewed one), and
// its value, not a `token=` pattern, is searched for everywhere a page can leak it.
import { expect } from '@open-wc/testing';
import { createDemoSession, renewToken } from '../../../test/helpers/backend.js';
import {
  begin,
  mount,
  photoFile,
  pickFile,
  until,
  usePhoto,
} from '../../../test/helpers/kyc-element.js';
import type { KycCaptureElement } from './kyc-capture.js';

/** Every attribute value of `node`'s subtree, into shadow roots (nested elements' too). */
function attributeValues(node: Element | ShadowRoot): string[] {
  const values: string[] = [];
  const elements =
    node instanceof Element
      ? [node, ...node.querySelectorAll('*')]
      : [...node.querySelectorAll('*')];
  for (const element of elements) {
    for (const attribute of element.attributes) values.push(`${attribute.name}=${attribute.value}`);
    if (element.shadowRoot) values.push(...attributeValues(element.shadowRoot));
  }
  return values;
}

function storage(area: Storage): string[] {
  return Object.keys(area).map((key) => `${key}=${area.getItem(key)}`);
}

/** Where the page could hold a value other code can read, as strings. */
async function places(el: KycCaptureElement, requested: readonly string[]) {
  const resources = performance.getEntriesByType('resource').map((entry) => entry.name);
  return {
    attributes: attributeValues(el),
    localStorage: storage(localStorage),
    sessionStorage: storage(sessionStorage),
    indexedDB: (await indexedDB.databases()).map((db) => db.name ?? ''),
    cookie: [document.cookie],
    requests: [...requested, ...resources].flatMap((url) => [url, decodeURIComponent(url)]),
    location: [location.href],
  };
}

function holding(found: Record<string, string[]>, secret: string): string[] {
  return Object.entries(found)
    .filter(([, values]) => values.some((value) => value.includes(secret)))
    .map(([place]) => place);
}

describe('<kyc-capture> keeps tokens out of the DOM, storage and URLs', () => {
  it('a whole flow, token renewed midway: the values are nowhere but in memory', async () => {
    const session = await createDemoSession();
    const renewed: string[] = [];
    const requested: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      requested.push(input instanceof Request ? input.url : String(input));
      return realFetch(input, init);
    };
    const checks: Record<string, string[]>[] = [];
    try {
      const { el } = await mount(session, (host) => {
        host.options = { portrait: false, quality: false, selfie: false };
        // Renewed before every request: the flow also carries a second, fresh value.
        host.tokenExpiresAt = Date.now() + 1000;
        host.getToken = async () => {
          const token = await renewToken(session.session_id);
          renewed.push(token);
          return { token, expiresIn: 1 };
        };
      });
      checks.push(await places(el, requested));
      await begin(el, 'passport');
      for (const step of ['document_front', 'selfie']) {
        await until(() => el.flow.status === 'camera', `${step} camera`);
        checks.push(await places(el, requested));
        await pickFile(el, await photoFile());
        await until(() => el.flow.status === 'review', `${step} review`);
        checks.push(await places(el, requested));
        await usePhoto(el);
      }
      await until(() => el.flow.status === 'done', 'done');
      checks.push(await places(el, requested));
      expect(renewed.length, 'the renewal ran').to.be.greaterThan(0);
      expect(requested.length, 'the spy saw the uploads').to.be.greaterThan(2);
      for (const secret of [session.start_token, ...renewed]) {
        expect(secret.length).to.be.greaterThan(16);
        for (const found of checks) expect(holding(found, secret), secret).to.deep.equal([]);
      }
      expect(el.token, 'the property still has it, in memory').to.be.a('string');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('drops a token written as an attribute from the DOM, and never reads it', async () => {
    const { el } = await mount(undefined, (host) =>
      host.setAttribute('token', 'kyc-test-attribute-token-1f9c'),
    );
    expect(el.hasAttribute('token')).to.equal(false);
    expect(el.token).to.equal(undefined);
    expect(attributeValues(el).some((value) => value.includes('1f9c'))).to.equal(false);
  });
});
