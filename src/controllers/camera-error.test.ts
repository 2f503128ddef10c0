import { expect } from '@open-wc/testing';
import { KycError } from '../errors.js';
import { CameraError, CameraErrorCode, toCameraError } from './camera-error.js';

// What getUserMedia rejects with in current and legacy browsers, and what the element must offer.
const cases: { name: string; code: CameraErrorCode; retryable: boolean }[] = [
  { name: 'NotAllowedError', code: 'permission-denied', retryable: true },
  { name: 'PermissionDeniedError', code: 'permission-denied', retryable: true },
  { name: 'NotFoundError', code: 'not-found', retryable: true },
  { name: 'DevicesNotFoundError', code: 'not-found', retryable: true },
  { name: 'NotReadableError', code: 'in-use', retryable: true },
  { name: 'TrackStartError', code: 'in-use', retryable: true },
  { name: 'OverconstrainedError', code: 'overconstrained', retryable: false },
  { name: 'SecurityError', code: 'insecure-context', retryable: false },
  { name: 'AbortError', code: 'aborted', retryable: true },
  { name: 'SomethingNewError', code: 'unknown', retryable: true },
];

describe('toCameraError', () => {
  for (const { name, code, retryable } of cases) {
    it(`maps ${name} to ${code}`, () => {
      const original = new DOMException('browser text', name);
      const error = toCameraError(original);
      expect(error).to.be.instanceOf(CameraError);
      expect(error).to.be.instanceOf(KycError);
      expect(error.name).to.equal('CameraError');
      expect(error.code).to.equal(code);
      expect(error.retryable).to.equal(retryable);
      expect(error.cause).to.equal(original);
      // The browser's wording is for developers; the person gets ours.
      expect(error.message).to.not.contain('browser text');
      expect(error.message.length).to.be.greaterThan(10);
      expect(error.hint.length).to.be.greaterThan(10);
    });
  }

  it("maps the browser's own OverconstrainedError class", () => {
    const original = new OverconstrainedError('width', 'too wide');
    expect(toCameraError(original).code).to.equal('overconstrained');
  });

  it('maps non-DOMException values to unknown and keeps them as cause', () => {
    const original = new TypeError('bad constraints');
    const error = toCameraError(original);
    expect(error.code).to.equal('unknown');
    expect(error.cause).to.equal(original);
    expect(toCameraError('a string').code).to.equal('unknown');
    expect(toCameraError(undefined).code).to.equal('unknown');
    expect(toCameraError({ name: 'constructor' }).code).to.equal('unknown');
  });

  it('passes a CameraError through unchanged', () => {
    const error = new CameraError('track-ended');
    expect(toCameraError(error)).to.equal(error);
  });

  it('points every code at a way forward, offering the file upload where the camera cannot help', () => {
    for (const code of Object.values(CameraErrorCode)) {
      const error = new CameraError(code);
      expect(error.code).to.equal(code);
      expect(error.hint, code).to.match(/\.$/);
      if (!error.retryable) expect(error.hint, code).to.match(/upload a photo|another camera/i);
    }
    expect(new CameraError('permission-denied').hint).to.contain('site settings');
    expect(new CameraError('track-ended').retryable).to.equal(true);
    expect(new CameraError('unsupported').retryable).to.equal(false);
    expect(new CameraError('insecure-context').recoverable).to.equal(false);
    expect(new CameraError('in-use').recoverable).to.equal(true);
  });
});
