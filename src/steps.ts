// The flow's vocabulary, which every folder speaks: the steps, the document types and the screens.
// A leaf module (no imports), so that capture, face, protocols and events can read it without
// importing the flow that uses them.
/**
 * The steps of the flow. The first three are single images, named as the session-v1 backend names
 * them; `liveness` is a sequence of selfie frames for the backend's liveness decision, asked for
 * by the host (the `liveness` property) or the protocol, never by session-v1.
 */
export const CaptureStep = {
  DocumentFront: 'document_front',
  DocumentBack: 'document_back',
  Selfie: 'selfie',
  Liveness: 'liveness',
} as const;
/** One step the flow captures. */
export type CaptureStep = (typeof CaptureStep)[keyof typeof CaptureStep];
/** A step that is one image a backend stores (what session-v1 calls an image type). */
export type ImageStep = Exclude<CaptureStep, 'liveness'>;

/** The document the person chose to show. */
export const DocumentType = {
  Passport: 'passport',
  IdentityCard: 'identity_card',
  DriversLicense: 'drivers_license',
} as const;
/** A document kind; passports have one side to capture, cards two. */
export type DocumentType = (typeof DocumentType)[keyof typeof DocumentType];

/** The single-image steps, in the order the flow takes them. */
export const IMAGE_STEPS: readonly ImageStep[] = ['document_front', 'document_back', 'selfie'];

/** Every step, in the order the flow takes them. */
export const ALL_STEPS: readonly CaptureStep[] = [...IMAGE_STEPS, 'liveness'];

/** The steps a document type needs, before the server says otherwise. */
export function stepsForDocument(type: DocumentType): ImageStep[] {
  return type === 'passport'
    ? ['document_front', 'selfie']
    : ['document_front', 'document_back', 'selfie'];
}

/** Whether a step films the person rather than a document. */
export function isFaceStep(step: CaptureStep): boolean {
  return step === 'selfie' || step === 'liveness';
}

/** Whether a value is one of the known capture steps (server replies are untrusted input). */
export function isCaptureStep(value: unknown): value is CaptureStep {
  return typeof value === 'string' && (ALL_STEPS as readonly string[]).includes(value);
}

/** Whether a value is one of the single-image steps (server replies are untrusted input). */
export function isImageStep(value: unknown): value is ImageStep {
  return typeof value === 'string' && (IMAGE_STEPS as readonly string[]).includes(value);
}

/** The screen the flow is on. */
export const FlowStatus = {
  Intro: 'intro',
  Camera: 'camera',
  Review: 'review',
  Uploading: 'uploading',
  Feedback: 'feedback',
  Done: 'done',
  Error: 'error',
  Cancelled: 'cancelled',
} as const;
/** One of the flow's screens. */
export type FlowStatus = (typeof FlowStatus)[keyof typeof FlowStatus];
