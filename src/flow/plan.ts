// The one step planner: which steps a flow takes before the backend says otherwise. The
// `kyc-ready` event's plan, the start of the flow and the portrait check's default all ask it.
import {
  ALL_STEPS,
  IMAGE_STEPS,
  stepsForDocument,
  type CaptureStep,
  type DocumentType,
} from '../steps.js';

/** What the plan is made from: the host's settings and the protocol's rule. */
export interface StepPlanInput {
  /** The host's `steps`; when it names any, they are the plan. */
  readonly steps?: readonly CaptureStep[];
  /** The document chosen or preset, if known yet. */
  readonly documentType?: DocumentType;
  /** The protocol's images for a document type (validation-v2 takes no back); default {@link stepsForDocument}. */
  readonly planSteps?: (documentType: DocumentType) => readonly CaptureStep[];
  /** Whether a liveness step follows the selfie (the host's `liveness`). */
  readonly liveness?: boolean;
}

/**
 * The steps to capture, in the flow's order, without duplicates. With no host steps and no
 * document type yet, every image step: the plan before the person chooses (the flow itself starts
 * only once the type is known, or with host steps).
 */
export function planFlowSteps(input: StepPlanInput): CaptureStep[] {
  const { steps, documentType, planSteps = stepsForDocument, liveness } = input;
  const planned: CaptureStep[] = steps?.length
    ? [...steps]
    : documentType
      ? [...planSteps(documentType)]
      : [...IMAGE_STEPS];
  if (liveness) planned.push('liveness');
  return ALL_STEPS.filter((step) => planned.includes(step));
}
