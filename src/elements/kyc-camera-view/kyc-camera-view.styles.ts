import { css, unsafeCSS } from 'lit';
import { DOCUMENT_MM, type DocumentFormat } from '../../internal/documents.js';

/** `width / height` of a document format in millimetres, as CSS `aspect-ratio` takes it. */
const aspectRatio = (format: DocumentFormat) =>
  unsafeCSS(`${DOCUMENT_MM[format].width} / ${DOCUMENT_MM[format].height}`);

/** Styles of `<kyc-camera-view>`: video, guide overlay, guidance and controls. */
export const styles = css`
  :host {
    display: block;
    position: relative;
    background: var(--kyc-camera-background, #000);
    color: #fff;
  }
  .stage {
    position: relative;
    overflow: hidden;
    aspect-ratio: var(--kyc-camera-aspect, 4 / 3);
    max-block-size: 70vh;
    margin-inline: auto;
  }
  video {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  /* The front camera preview is mirrored like a mirror; the captured image never is. */
  video.mirrored {
    transform: scaleX(-1);
  }
  /* Physical, not logical: the guide is geometry over the picture, which right-to-left text
     does not mirror (inset-inline-start would be right: 50% there, and the translate push it off
     centre). */
  [part~='guide'] {
    position: absolute;
    top: 50%;
    left: 50%;
    translate: -50% -50%;
    border: 3px solid var(--kyc-guide-color, rgba(255, 255, 255, 0.9));
    box-shadow: 0 0 0 100vmax var(--kyc-guide-dim, rgba(0, 0, 0, 0.45));
    pointer-events: none;
  }
  /* ID-1 card: 85.6 x 54 mm. */
  [part~='guide'].id-card {
    inline-size: 84%;
    aspect-ratio: ${aspectRatio('id1')};
    border-radius: 4% / 6.3%;
  }
  /* Passport data page (ID-3): 125 x 88 mm. */
  [part~='guide'].passport {
    inline-size: 84%;
    aspect-ratio: ${aspectRatio('passport')};
    border-radius: 2%;
  }
  [part~='guide'].face {
    block-size: 78%;
    aspect-ratio: 3 / 4;
    border-radius: 50%;
  }
  [part~='overlay'] {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    pointer-events: none;
  }
  [part~='overlay'].mirrored {
    transform: scaleX(-1);
  }
  [part~='quad'] {
    fill: none;
    stroke-width: 3;
    vector-effect: non-scaling-stroke;
    stroke: var(--kyc-quad-bad, #f9ab00);
  }
  [part~='quad'].good {
    stroke: var(--kyc-quad-good, #34a853);
  }
  .hint {
    margin: 0.25rem 0 0;
    font-weight: 600;
  }
  [part~='shutter'].prominent {
    box-shadow:
      inset 0 0 0 3px #000,
      0 0 0 6px var(--kyc-focus, #f9ab00);
  }
  @media (prefers-reduced-motion: no-preference) {
    [part~='shutter'].prominent {
      animation: pulse 1.2s ease-in-out infinite alternate;
    }
  }
  @keyframes pulse {
    to {
      scale: 1.08;
    }
  }
  /* Over the preview: an opaque backdrop keeps the text's contrast whatever the video shows (it
     is black until the first frame anyway), and lets checkers measure it (WCAG 1.4.3). */
  .status {
    position: absolute;
    inset: 0;
    background: var(--kyc-camera-background, #000);
    display: grid;
    place-items: center;
    text-align: center;
    padding: 1rem;
  }
  .bar {
    display: grid;
    grid-template-columns: 1fr auto 1fr;
    align-items: center;
    gap: 0.5rem;
    padding: 0.75rem 1rem 1rem;
  }
  .bar .end {
    justify-self: end;
    display: flex;
    gap: 0.5rem;
  }
  header {
    padding: 0.75rem 1rem 0.25rem;
  }
  h2 {
    margin: 0;
    font-size: 1.125rem;
  }
  [part~='guidance'] {
    margin: 0.25rem 0 0;
    min-block-size: 1.5em;
  }
  .progress {
    font-size: 0.875rem;
    opacity: 0.8;
  }
  button {
    font: inherit;
    color: inherit;
    background: rgba(255, 255, 255, 0.15);
    border: 1px solid rgba(255, 255, 255, 0.5);
    border-radius: 999px;
    min-block-size: 2.75rem;
    padding-inline: 1rem;
    cursor: pointer;
  }
  [part~='shutter'] {
    inline-size: 4.5rem;
    block-size: 4.5rem;
    padding: 0;
    border-radius: 50%;
    border: 4px solid #fff;
    background: var(--kyc-shutter-color, #fff);
    background-clip: content-box;
    box-shadow: inset 0 0 0 3px #000;
  }
  [part~='shutter']:disabled {
    opacity: 0.4;
    cursor: not-allowed;
  }
  button:focus-visible {
    outline: 3px solid var(--kyc-focus, #f9ab00);
    outline-offset: 2px;
  }
  @media (prefers-reduced-motion: no-preference) {
    [part~='shutter']:active:not(:disabled) {
      scale: 0.94;
    }
  }
`;
