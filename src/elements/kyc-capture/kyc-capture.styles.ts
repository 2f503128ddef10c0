import { css } from 'lit';

// The palettes: each colour is the host's `--kyc-*` property when set (in either theme), else the
// theme's default. Text pairs measure at least 4.5:1 and controls and focus rings at least 3:1
// against what they sit on (checked by kyc-capture.theme.test.ts from the computed colours).
const light = css`
  color-scheme: light;
  --_kyc-color: var(--kyc-color, #1b1f24);
  --_kyc-background: var(--kyc-background, #fff);
  --_kyc-accent: var(--kyc-accent, #0b57d0);
  --_kyc-on-accent: var(--kyc-on-accent, #fff);
  --_kyc-muted: var(--kyc-muted, #5f6368);
  --_kyc-focus: var(--kyc-focus, #b06000);
  --_kyc-warning: var(--kyc-warning, #b45309);
  --_kyc-warning-background: var(--kyc-warning-background, #fff4e5);
`;
const dark = css`
  color-scheme: dark;
  --_kyc-color: var(--kyc-color, #e8eaed);
  --_kyc-background: var(--kyc-background, #1b1f24);
  --_kyc-accent: var(--kyc-accent, #8ab4f8);
  --_kyc-on-accent: var(--kyc-on-accent, #1b1f24);
  --_kyc-muted: var(--kyc-muted, #a8adb3);
  --_kyc-focus: var(--kyc-focus, #fdd663);
  --_kyc-warning: var(--kyc-warning, #f9ab00);
  --_kyc-warning-background: var(--kyc-warning-background, #3a2a12);
`;

/**
 * Styles of `<kyc-capture>`; appearance is tuned through `--kyc-*` custom properties. The light or
 * dark palette follows `prefers-color-scheme` unless the `theme` attribute says `light` or `dark`.
 */
export const styles = css`
  :host {
    ${light}
    display: block;
    position: relative;
    box-sizing: border-box;
    inline-size: 100%;
    max-inline-size: var(--kyc-max-width, 40rem);
    color: var(--_kyc-color);
    background: var(--_kyc-background);
    accent-color: var(--_kyc-accent);
    font: var(--kyc-font, 1rem/1.5 system-ui, sans-serif);
    border-radius: var(--kyc-radius, 0.75rem);
    overflow: hidden;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  :host([theme='dark']) {
    ${dark}
  }
  [part~='screen'] {
    display: grid;
    gap: 1rem;
    padding: var(--kyc-padding, 1.25rem);
  }
  h2 {
    margin: 0;
    font-size: 1.25rem;
  }
  /* A host's intro or done content, laid out as the default text it replaces. */
  .slotted {
    display: grid;
    gap: 1rem;
  }
  p {
    margin: 0;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  legend {
    font-weight: 600;
    margin-block-end: 0.5rem;
  }
  label {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }
  button,
  [part~='file-label'] {
    font: inherit;
    min-block-size: 2.75rem;
    padding-inline: 1.25rem;
    border-radius: var(--kyc-button-radius, 999px);
    border: 1px solid var(--_kyc-accent);
    background: transparent;
    color: var(--_kyc-accent);
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    justify-content: center;
  }
  button.primary {
    background: var(--_kyc-accent);
    color: var(--_kyc-on-accent);
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  /* Every control rings when focused from the keyboard, 3:1 or more against what surrounds it
     (WCAG 1.4.11): radio buttons and the consent box too. */
  button:focus-visible,
  input:not([type='file']):focus-visible,
  [part~='file-label']:focus-within {
    outline: 3px solid var(--_kyc-focus);
    outline-offset: 2px;
  }
  [part~='file-label'] input {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    opacity: 0;
  }
  [part~='review-image'] {
    inline-size: 100%;
    max-block-size: 60vh;
    object-fit: contain;
    background: #000;
    border-radius: 0.5rem;
  }
  [role='alert'],
  .feedback {
    padding: 0.75rem 1rem;
    border-radius: 0.5rem;
    background: var(--_kyc-warning-background);
    border-inline-start: 4px solid var(--_kyc-warning);
  }
  [part~='resumed'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
    justify-content: space-between;
    padding: 0.75rem var(--kyc-padding, 1.25rem);
    border-block-end: 1px solid var(--_kyc-muted);
  }
  .progress {
    color: var(--_kyc-muted);
    font-size: 0.875rem;
  }
  kyc-camera-view[hidden] {
    display: none;
  }
  @media (prefers-reduced-motion: no-preference) {
    [part~='screen'] {
      animation: enter 160ms ease-out;
    }
  }
  @keyframes enter {
    from {
      opacity: 0;
    }
  }
`;
