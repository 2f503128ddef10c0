// session-v1 through the real flow controller against the mock backend: what the backend's
// `complete` and `missing_images` do to the flow when the backend names its images in its own words
// (seed 004 does not fix the names).
import { expect } from '@open-wc/testing';
import { receivedImages, createDemoSession } from '../../test/helpers/backend.js';
import { testCapture } from '../../test/helpers/captures.js';
import { settled, testFlow, type FlowHostSettings } from '../../test/helpers/flow-host.js';
import type { CaptureStep, DocumentType } from '../steps.js';

/** A session whose backend calls the back and the selfie DOCUMENT_BACK and SELFIE. */
const SHOUTING = { image_names: { document_back: 'DOCUMENT_BACK', selfie: 'SELFIE' } };

async function flowOn(
  mockBehavior: Readonly<Record<string, unknown>>,
  settings: FlowHostSettings = {},
) {
  const session = await createDemoSession({ mock_behavior: mockBehavior });
  const run = testFlow({ session: session.session_id, token: session.start_token, ...settings });
  return { ...run, session };
}

/** Takes and sends the current step's photo; resolves once the answer's effects ran. */
async function sendStep(
  run: ReturnType<typeof testFlow>,
  step: CaptureStep,
  documentType: DocumentType,
) {
  run.flow.captured(await testCapture(step, step === 'selfie' ? undefined : documentType));
  run.flow.confirm();
  await settled(run.flow);
}

describe('session-v1 in the flow: complete "false" never ends it', () => {
  it('keeps going with the planned steps when missing_images names images it does not know', async () => {
    const run = await flowOn(SHOUTING);
    run.flow.start('identity_card');
    await sendStep(run, 'document_front', 'identity_card');
    expect(run.host.eventTypes).not.to.include('kyc-complete');
    expect(run.flow.state.status).to.equal('camera');
    expect(run.flow.state.steps).to.deep.equal(['document_back', 'selfie']);
    expect(run.flow.state.accepted).to.deep.equal(['document_front']);
  });

  it('completes against such a backend with protocolOptions.imageNames, sending its names', async () => {
    const run = await flowOn(SHOUTING, {
      protocolOptions: { imageNames: { document_back: 'DOCUMENT_BACK', selfie: 'SELFIE' } },
    });
    run.flow.start('identity_card');
    for (const step of ['document_front', 'document_back', 'selfie'] as const) {
      expect(run.flow.state.steps[0]).to.equal(step);
      await sendStep(run, step, 'identity_card');
    }
    expect(run.flow.state.status).to.equal('done');
    expect(run.host.eventTypes.filter((t) => t === 'kyc-complete')).to.have.length(1);
    const stored = await receivedImages(run.session.session_id);
    expect(stored.map((i) => [i.type, i.feedback])).to.deep.equal([
      ['document_front', 'ok'],
      ['DOCUMENT_BACK', 'ok'],
      ['SELFIE', 'ok'],
    ]);
  });

  it('ends in a typed, final error, not "done", when nothing planned is left to send', async () => {
    // The host plans the front only; the backend still wants an image it names SELFIE.
    const run = await flowOn({ image_names: { selfie: 'SELFIE' } }, { steps: ['document_front'] });
    run.flow.start('passport');
    await sendStep(run, 'document_front', 'passport');
    expect(run.host.eventTypes).not.to.include('kyc-complete');
    expect(run.flow.state.status).to.equal('error');
    expect(run.flow.state.error).to.include({
      code: 'unknown-missing-images',
      phase: 'upload',
      retryable: false,
      final: true,
    });
    expect(run.flow.state.error?.reason).to.deep.equal({
      code: 'session-v1.unknown-missing-images',
      params: { names: ['SELFIE'] },
    });
  });

  it('refuses unusable imageNames before any photo, naming the setting', async () => {
    for (const imageNames of [
      { selfie: 'document_front' },
      { liveness: 'LIVENESS' },
      { selfie: 'the selfie' },
      'SELFIE',
    ]) {
      const run = await flowOn({}, { protocolOptions: { imageNames } as never });
      run.flow.start('identity_card');
      expect(run.flow.state.status, JSON.stringify(imageNames)).to.equal('error');
      expect(run.flow.state.error).to.include({ code: 'configuration', phase: 'session' });
      expect(run.flow.state.error?.reason?.code).to.equal('configuration.image-names');
    }
  });
});
