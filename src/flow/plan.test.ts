import { expect } from '@open-wc/testing';
import { planFlowSteps } from './plan.js';
import { stepsForDocument, type DocumentType } from '../steps.js';

/** validation-v2's rule: no back. */
const noBack = (type: DocumentType) => stepsForDocument(type).filter((s) => s !== 'document_back');

describe('planFlowSteps', () => {
  it('plans every image step before the document type is known', () => {
    expect(planFlowSteps({})).to.deep.equal(['document_front', 'document_back', 'selfie']);
    expect(planFlowSteps({ steps: [] })).to.deep.equal([
      'document_front',
      'document_back',
      'selfie',
    ]);
  });

  it('plans the document’s images, as the protocol takes them', () => {
    expect(planFlowSteps({ documentType: 'passport' })).to.deep.equal(['document_front', 'selfie']);
    expect(planFlowSteps({ documentType: 'identity_card' })).to.deep.equal([
      'document_front',
      'document_back',
      'selfie',
    ]);
    expect(planFlowSteps({ documentType: 'identity_card', planSteps: noBack })).to.deep.equal([
      'document_front',
      'selfie',
    ]);
  });

  it('takes the host’s steps over the document and the protocol, in the flow’s order, once each', () => {
    expect(
      planFlowSteps({
        steps: ['selfie', 'document_front', 'selfie'],
        documentType: 'identity_card',
        planSteps: noBack,
      }),
    ).to.deep.equal(['document_front', 'selfie']);
    expect(planFlowSteps({ steps: ['document_back'], planSteps: noBack })).to.deep.equal([
      'document_back',
    ]);
  });

  it('adds the liveness step after the selfie when asked for, whatever else decides the plan', () => {
    expect(planFlowSteps({ liveness: true })).to.deep.equal([
      'document_front',
      'document_back',
      'selfie',
      'liveness',
    ]);
    expect(planFlowSteps({ documentType: 'passport', liveness: true })).to.deep.equal([
      'document_front',
      'selfie',
      'liveness',
    ]);
    expect(planFlowSteps({ steps: ['liveness', 'selfie'], liveness: true })).to.deep.equal([
      'selfie',
      'liveness',
    ]);
    expect(planFlowSteps({ steps: ['selfie'], liveness: false })).to.deep.equal(['selfie']);
  });
});
