import { KycCancelEvent } from './cancel.js';
import { KycCaptureEvent } from './capture.js';
import { KycCompleteEvent } from './complete.js';
import { KycErrorEvent } from './error.js';
import { KycFeedbackEvent } from './feedback.js';
import { KycFrameMetricsEvent } from './frame-metrics.js';
import { KycReadyEvent } from './ready.js';
import { KycStepChangeEvent } from './step-change.js';
import { KycUploadProgressEvent } from './upload-progress.js';
import { KycUploadResultEvent } from './upload-result.js';

export { KycEvent } from './kyc-event.js';
export type { KycCancelDetail } from './cancel.js';
export type { KycCaptureDetail } from './capture.js';
export type { KycCompleteDetail } from './complete.js';
export type { KycErrorDetail, KycErrorPhase } from './error.js';
export type { KycFeedbackDetail } from './feedback.js';
export type { KycFrameMetricsDetail } from './frame-metrics.js';
export type { KycReadyDetail } from './ready.js';
export type { KycStepChangeDetail } from './step-change.js';
export type { KycUploadProgressDetail } from './upload-progress.js';
export type { KycUploadResultDetail } from './upload-result.js';
export {
  KycCancelEvent,
  KycCaptureEvent,
  KycCompleteEvent,
  KycErrorEvent,
  KycFeedbackEvent,
  KycFrameMetricsEvent,
  KycReadyEvent,
  KycStepChangeEvent,
  KycUploadProgressEvent,
  KycUploadResultEvent,
};

/**
 * Every public event name, in the order a flow meets them, for hosts that forward or log them all
 * (`kyc-frame-metrics` last: it fires only when the host opts in, once per analysed frame).
 */
export const KYC_EVENT_NAMES = [
  KycReadyEvent.eventName,
  KycStepChangeEvent.eventName,
  KycCaptureEvent.eventName,
  KycUploadProgressEvent.eventName,
  KycUploadResultEvent.eventName,
  KycFeedbackEvent.eventName,
  KycCompleteEvent.eventName,
  KycErrorEvent.eventName,
  KycCancelEvent.eventName,
  KycFrameMetricsEvent.eventName,
] as const;
