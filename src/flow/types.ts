/** The images a verification can ask for, named as the session-v1 backend names them. */
export const CaptureStep = {
  DocumentFront: 'document_front',
  DocumentBack: 'document_back',
  Selfie: 'selfie',
} as const;
/** One image the flow captures. */
export type CaptureStep = (typeof CaptureStep)[keyof typeof CaptureStep];

/** The document the person chose to show. */
export const DocumentType = {
  Passport: 'passport',
  IdentityCard: 'identity_card',
  DriversLicense: 'drivers_license',
} as const;
/** A document kind; passports have one side to capture, cards two. */
export type DocumentType = (typeof DocumentType)[keyof typeof DocumentType];

/** Every step, in the order the flow takes them. */
export const ALL_STEPS: readonly CaptureStep[] = ['document_front', 'document_back', 'selfie'];

/** The steps a document type needs, before the server says otherwise. */
export function stepsForDocument(type: DocumentType): CaptureStep[] {
  return type === 'passport'
    ? ['document_front', 'selfie']
    : ['document_front', 'document_back', 'selfie'];
}

/** Whether a value is one of the known capture steps (server replies are untrusted input). */
export function isCaptureStep(value: unknown): value is CaptureStep {
  return typeof value === 'string' && (ALL_STEPS as readonly string[]).includes(value);
}
