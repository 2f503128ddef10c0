import { expect } from '@open-wc/testing';
import { KycClient } from '../api/client.js';
import {
  AbortedError,
  ApiErrorCode,
  HttpError,
  NetworkError,
  ResponseFormatError,
  TimeoutError,
  TokenExpiredError,
} from '../api/errors.js';
import { decodeImageFile, EncodeError, encodeJpeg, ImageFileErrorCode } from '../capture/encode.js';
import { CameraError, CameraErrorCode } from '../controllers/camera-error.js';
import { ConfigurationError, KycError } from '../errors.js';
import { ALL_STEPS, DocumentType, type CaptureStep, type ImageStep } from '../steps.js';
import { IdvSdkErrorCode } from '../protocols/idv-sdk.js';
import {
  createLinkKycAdapter,
  LINK_KYC_REJECTION_GUIDANCE,
  LinkKycError,
  LinkKycErrorCode,
  linkKycRejectionGuidance,
  type LinkKycDocumentRejectionReason,
  type LinkKycFaceRejectionReason,
} from '../protocols/link-kyc.js';
import { findProtocol, openProtocol, registerProtocol } from '../protocols/registry.js';
import { createSessionV1Adapter, ImageFeedback } from '../protocols/session-v1.js';
import {
  ValidationV2Error,
  ValidationV2ErrorCode,
  type ValidationV2SelfieFixable,
} from '../protocols/validation-v2.js';
import { canvas2d, canvasToBlob, rejection, thrown } from '../../test/helpers/async.js';
import { testCapture } from '../../test/helpers/captures.js';
import { markedMessages } from '../../test/helpers/marked-messages.js';
import { protocolSettings } from '../../test/helpers/protocols.js';
import { en, type Wording } from './en.js';
import { errorText, feedbackText, withOverrides } from './text.js';

/** The errors the SDK's own modules throw, made the way those modules make them. */
async function builtInErrors(): Promise<KycError[]> {
  const errors: KycError[] = Object.values(CameraErrorCode).map((code) => new CameraError(code));
  errors.push(
    new HttpError({ status: 503 }),
    new HttpError({ status: 403, serverCode: 'token_wrong_session' }),
    new NetworkError(),
    new TimeoutError(20000),
    new TokenExpiredError('token_expired'),
    new ResponseFormatError('The server sent a reply that is not valid JSON.'),
    new AbortedError(),
    new EncodeError(),
    // The worker's EncodeErrors cross to the main thread as their message and are made again.
    new EncodeError('This browser cannot create JPEG images.'),
  );
  errors.push((await rejection(encodeJpeg(canvas2d(0, 0).canvas))) as KycError);
  const tiny = await canvasToBlob(canvas2d(100, 100).canvas, 'image/png');
  errors.push(
    (await rejection(decodeImageFile(new Blob(['not an image'])))) as KycError,
    (await rejection(decodeImageFile(tiny))) as KycError,
    (await rejection(decodeImageFile(tiny, { maxBytes: 10 }))) as KycError,
  );
  const sessionV1 = createSessionV1Adapter({
    client: new KycClient({ token: 'unused' }),
    sessionId: 'unused',
  });
  const front = await testCapture('document_front');
  errors.push(
    (await rejection(sessionV1.send({ ...front, blob: new Blob(['nope']) }))) as KycError,
    (await rejection(sessionV1.send(front))) as KycError,
  );
  const linkKyc = createLinkKycAdapter({
    client: new KycClient({ token: 'unused' }),
    requestId: 'unused',
    expeditorCountry: 'ES',
  });
  errors.push(
    (await rejection(linkKyc.send(await testCapture('selfie'), { remaining: [] }))) as KycError,
    new LinkKycError(
      'verification-error',
      'The verification service had a problem with these photos. Please try again.',
      true,
    ),
  );
  // The configuration checks of the registry and the protocol definitions, and a protocol
  // module that could not be loaded.
  const settings = protocolSettings();
  const misconfigured = [
    () => openProtocol('carrier-pigeon', settings),
    () => openProtocol('session-v1', { ...settings, token: undefined }),
    () => openProtocol('idv-sdk', settings),
    () => openProtocol('link-kyc', settings),
    () => findProtocol('validation-v2')!.validateDocument!('passport', {}),
  ];
  for (const check of misconfigured) errors.push(thrown(check) as KycError);
  registerProtocol({
    name: 'text-test-offline',
    load: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
  });
  errors.push((await rejection(openProtocol('text-test-offline', settings))) as KycError);
  for (const code of Object.values(ValidationV2ErrorCode)) {
    const error = new ValidationV2Error(code);
    // A new selfie fixes these: they reach the person as retake feedback, never as an error.
    if (!error.final && !error.retryable) continue;
    errors.push(error);
  }
  return errors;
}

/** Every link-kyc REJECTED reason with the list it belongs to. */
function linkKycReasons(): { part: 'document' | 'face'; reason: string }[] {
  return (['document', 'face'] as const).flatMap((part) =>
    Object.keys(LINK_KYC_REJECTION_GUIDANCE[part]).map((reason) => ({ part, reason })),
  );
}

describe('the text seam', () => {
  it('words every built-in error as today: the English line is the error’s own message', async () => {
    const errors = await builtInErrors();
    expect(errors.map((error) => error.code)).to.include.members([
      'permission-denied',
      'encode-failed',
      'not-an-image',
      'too-small',
      'too-large',
      'unsupported-image',
      'missing-document-type',
      'nothing-to-send',
      'attempts-exhausted',
    ]);
    for (const error of errors) {
      expect(errorText(en, error), `${error.name} ${error.code}`).to.equal(error.message);
      expect(Object.hasOwn(en.errors, error.reason.code), error.reason.code).to.equal(true);
    }
  });

  it('keeps the codes that two kinds of error share apart', () => {
    expect(errorText(en, new CameraError('aborted'))).to.equal('The camera could not start.');
    expect(errorText(en, new AbortedError())).to.equal('The request was cancelled.');
    expect(errorText(en, new CameraError('unknown'))).to.equal(
      'Something went wrong with the camera.',
    );
    expect(errorText(en, new KycError('unknown', 'anything'))).to.equal(
      'Something unexpected happened. Please try again.',
    );
    const linkKyc = new LinkKycError('verification-error', 'developer words', true);
    expect(errorText(en, linkKyc)).to.contain('with these photos');
    expect(errorText(en, new ValidationV2Error('verification-error'))).to.equal(
      'The verification service had a problem. Please try again.',
    );
  });

  it('gives an error without words of its own the generic line, never its message', () => {
    const custom = new KycError('my-backend-down', 'Our backend is down (ticket 42).');
    expect(errorText(en, custom)).to.equal(en.errors.unknown);
    const overridden = withOverrides(en, {
      errors: { 'my-backend-down': 'Please come back later.' },
    });
    expect(errorText(overridden, custom)).to.equal('Please come back later.');
  });

  it('shows an integrator’s configuration error in its own words, through the catalog', () => {
    // A registered protocol's `validate` throws it without a reason: its message is the detail.
    const theirs = new ConfigurationError('acme needs protocolOptions.endeavorId.');
    expect(theirs.reason).to.deep.equal({
      code: 'configuration',
      params: { detail: 'acme needs protocolOptions.endeavorId.' },
    });
    expect(errorText(en, theirs)).to.equal('acme needs protocolOptions.endeavorId.');
    expect(errorText(markedMessages, theirs)).to.equal('⟦errors.configuration⟧');
    // The built-in checks give their own reason.
    const ours = new ConfigurationError('The idv-sdk protocol needs the client id (client-id).', {
      reason: { code: 'configuration.client-id' },
    });
    expect(errorText(markedMessages, ours)).to.equal('⟦errors.configuration.client-id⟧');
  });

  it('uses the app’s own camera line inside another app, and only for camera errors', () => {
    const denied = {
      code: 'permission-denied',
      reason: new CameraError('permission-denied').reason,
    };
    expect(errorText(en, { ...denied, phase: 'camera' }, { inApp: true })).to.equal(
      en.inAppCamera['permission-denied'],
    );
    expect(errorText(en, { ...denied, phase: 'camera' })).to.equal('Camera access was blocked.');
    // No in-app line for this code: the browser wording.
    const missing = new CameraError('not-found');
    const noCamera = { code: missing.code, reason: missing.reason, phase: 'camera' };
    expect(errorText(en, noCamera, { inApp: true })).to.equal(
      'No camera was found on this device.',
    );
    // A request's `unsupported`-like code is no camera error.
    const upload = { code: 'unsupported', reason: { code: 'unsupported' }, phase: 'camera' };
    expect(errorText(en, upload, { inApp: true })).to.equal(en.errors.unknown);
  });

  it('words retake feedback: the adapter’s reason, else the feedback value, else a generic line', () => {
    for (const value of Object.values(ImageFeedback)) {
      expect(feedbackText(en, { feedback: value })).to.equal(en.feedback[value]);
    }
    expect(feedbackText(en, { feedback: 'glare' })).to.equal(
      'Glare on the document: tilt it away from the light.',
    );
    expect(feedbackText(en, { feedback: 'hologram_hidden' })).to.equal(
      'The photo could not be used: please take it again.',
    );
    // Not a prototype's key either.
    expect(feedbackText(en, { feedback: 'constructor' })).to.equal(en.feedbackUnknown);
    const notProcessed = { feedback: 'not_processed', reason: { code: 'link-kyc.not_processed' } };
    expect(feedbackText(en, notProcessed)).to.match(/^Your document could not be read\./);
    // A reason the catalog has no words for falls back to the feedback value.
    expect(feedbackText(en, { feedback: 'blurry', reason: { code: 'vendor.SMUDGE' } })).to.equal(
      en.feedback.blurry,
    );
  });

  it('names the photos validation-v2 asks for again, one or several, as before', () => {
    const word = (feedback: string, steps: ImageStep[]) =>
      feedbackText(en, { reason: { code: `validation-v2.${feedback}`, params: { steps } } });
    expect(word('verification_failed', ['selfie'])).to.equal(
      'Your selfie could not be verified. Please take it again.',
    );
    expect(word('verification_failed', ['document_front'])).to.equal(
      'The photo of your document could not be verified. Please take it again.',
    );
    expect(word('verification_failed', ['document_front', 'selfie'])).to.equal(
      'These photos could not be verified. Please take them again.',
    );
    for (const code of [
      'no-face',
      'multiple-faces',
      'face-image-empty',
      'face-not-usable',
      'face-image-required',
    ]) {
      const error = new ValidationV2Error(code as ValidationV2ErrorCode);
      expect(feedbackText(en, { feedback: code, reason: error.reason })).to.equal(error.message);
    }
  });

  it('words every code the SDK defines, and no camera code it does not', () => {
    // At compile time: a code without words fails the type check here. en.ts names none of these
    // types, because the errors that define the codes take their English message from it.
    const errors: Readonly<
      Record<
        | 'unknown'
        | `camera.${CameraErrorCode}`
        | ApiErrorCode
        | 'network-error.module-load'
        | 'network-error.offline'
        | 'timeout.token-renewal'
        | 'configuration.api-base'
        | 'configuration'
        | `configuration.${'incomplete-link' | 'unknown-protocol' | 'client-id' | 'expeditor-country' | 'document-type-code'}`
        | `configuration.${'idv-sdk-path' | 'idv-sdk-document-type' | 'idv-sdk-position'}`
        | `idv-sdk.${IdvSdkErrorCode}`
        | ImageFileErrorCode
        | 'encode-failed'
        | 'encode-failed.no-picture'
        | 'encode-failed.no-jpeg'
        | 'unsupported-image'
        | 'missing-document-type'
        | `link-kyc.${LinkKycErrorCode}`
        | `validation-v2.${Exclude<ValidationV2ErrorCode, ValidationV2SelfieFixable>}`,
        Wording
      >
    > = en.errors;
    const feedback: Readonly<
      Record<
        | ImageFeedback
        | 'link-kyc.not_processed'
        | 'link-kyc.sides_mismatch'
        | 'link-kyc.sides_mismatch_both'
        | `link-kyc.document.${LinkKycDocumentRejectionReason}`
        | `link-kyc.face.${LinkKycFaceRejectionReason}`
        | `validation-v2.${'verification_failed' | ValidationV2SelfieFixable}`,
        Wording
      >
    > = en.feedback;
    // At run time, from the code tables themselves.
    const errorCodes = [
      ...Object.values(CameraErrorCode).map((code) => `camera.${code}`),
      ...Object.values(ApiErrorCode),
      ...Object.values(ImageFileErrorCode),
      ...Object.values(LinkKycErrorCode).map((code) => `link-kyc.${code}`),
      ...Object.values(IdvSdkErrorCode).map((code) => `idv-sdk.${code}`),
    ];
    const feedbackCodes: string[] = [
      ...Object.values(ImageFeedback),
      ...linkKycReasons().map(({ part, reason }) => `link-kyc.${part}.${reason}`),
    ];
    for (const code of Object.values(ValidationV2ErrorCode)) {
      const error = new ValidationV2Error(code);
      // A new selfie fixes these: retake feedback; the others are error lines.
      if (!error.final && !error.retryable) feedbackCodes.push(`validation-v2.${code}`);
      else errorCodes.push(`validation-v2.${code}`);
    }
    for (const code of errorCodes) expect(Object.hasOwn(errors, code), code).to.equal(true);
    for (const code of feedbackCodes) expect(Object.hasOwn(feedback, code), code).to.equal(true);
    // The in-app lines stand in for camera errors only.
    expect(Object.values(CameraErrorCode)).to.include.members(Object.keys(en.inAppCamera));
  });

  it('names every document type and step, and nothing else', () => {
    const documentTypes: Readonly<Record<DocumentType, string>> = en.documentTypes;
    const stepTitles: Readonly<Record<CaptureStep, string>> = en.stepTitles;
    const stepHints: Readonly<Record<CaptureStep, string>> = en.stepHints;
    expect(Object.keys(documentTypes)).to.have.members(Object.values(DocumentType));
    expect(Object.keys(stepTitles)).to.have.members([...ALL_STEPS]);
    expect(Object.keys(stepHints)).to.have.members([...ALL_STEPS]);
  });

  it('has words for every link-kyc rejection reason', () => {
    for (const { part, reason } of linkKycReasons()) {
      const guidance = linkKycRejectionGuidance({ [part]: [reason] })!;
      const text = feedbackText(en, guidance);
      expect(text, reason).to.not.equal(en.feedbackUnknown);
      expect(text, reason).to.match(/^[A-Z].*\.$/);
    }
  });

  it('lays overrides over the English catalog entry by entry', () => {
    const messages = withOverrides(en, {
      start: 'Begin',
      feedback: { glare: 'Shiny!' },
      errors: { 'camera.permission-denied': 'No camera.' },
      inAppCamera: { 'no-video': 'The app shows nothing.' },
    });
    expect(messages.start).to.equal('Begin');
    expect(messages.feedback.glare).to.equal('Shiny!');
    expect(messages.feedback.blurry).to.equal(en.feedback.blurry);
    expect(errorText(messages, new CameraError('permission-denied'))).to.equal('No camera.');
    expect(errorText(messages, new CameraError('not-found'))).to.equal(
      'No camera was found on this device.',
    );
    expect(messages.inAppCamera['permission-denied']).to.equal(en.inAppCamera['permission-denied']);
    expect(messages.attemptsLeft(2)).to.equal('You have 2 attempts left.');
    expect(withOverrides(en, { attemptsLeft: (n) => `${n} left` }).attemptsLeft(2)).to.equal(
      '2 left',
    );
    expect(withOverrides(en, undefined)).to.equal(en);
    expect(en.feedback.glare, 'the English catalog is untouched').to.not.equal('Shiny!');
  });

  it('words everything through the catalog: a marked catalog leaves no English', async () => {
    for (const error of await builtInErrors()) {
      expect(errorText(markedMessages, error)).to.match(/^⟦errors\.[^⟧]+⟧$/);
      const onCamera = { code: error.code, reason: error.reason, phase: 'camera' };
      expect(errorText(markedMessages, onCamera, { inApp: true })).to.match(
        /^⟦(errors|inAppCamera)\.[^⟧]+⟧$/,
      );
    }
    for (const { part, reason } of linkKycReasons()) {
      const text = feedbackText(markedMessages, linkKycRejectionGuidance({ [part]: [reason] })!);
      expect(text).to.equal(`⟦feedback.link-kyc.${part}.${reason}⟧`);
    }
    expect(
      feedbackText(markedMessages, {
        reason: { code: 'validation-v2.verification_failed', params: { steps: ['selfie'] } },
      }),
    ).to.equal('⟦feedback.validation-v2.verification_failed⟧');
    expect(feedbackText(markedMessages, { feedback: 'new_value' })).to.equal('⟦feedbackUnknown⟧');
  });
});
