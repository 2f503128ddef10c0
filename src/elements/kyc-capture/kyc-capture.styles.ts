import { css } from 'lit';

/** Styles of `<kyc-capture>`; appearance is tuned through `--kyc-*` custom properties. */
export const styles = css`
  :host {
    display: block;
    position: relative;
    box-sizing: border-box;
    inline-size: 100%;
    max-inline-size: var(--kyc-max-width, 40rem);
    color: var(--kyc-color, #1b1f24);
    background: var(--kyc-background, #fff);
    font: var(--kyc-font, 1rem/1.5 system-ui, sans-serif);
    border-radius: var(--kyc-radius, 0.75rem);
    overflow: hidden;
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
    border: 1px solid var(--kyc-accent, #0b57d0);
    background: transparent;
    color: var(--kyc-accent, #0b57d0);
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    justify-content: center;
  }
  button.primary {
    background: var(--kyc-accent, #0b57d0);
    color: var(--kyc-on-accent, #fff);
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  /* Every control rings when focused from the keyboard, 3:1 or more against what surrounds it
     (WCAG 1.4.11): the former #f9ab00 measured 1.9:1 on white; #b45309 is 5:1 on white and
     4.2:1 on the camera's black, so one default serves both elements. */
  button:focus-visible,
  input:not([type='file']):focus-visible,
  [part~='file-label']:focus-within {
    outline: 3px solid var(--kyc-focus, #b45309);
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
    background: var(--kyc-warning-background, #fff4e5);
    border-inline-start: 4px solid var(--kyc-warning, #b45309);
  }
  [part~='resumed'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
    justify-content: space-between;
    padding: 0.75rem var(--kyc-padding, 1.25rem);
    border-block-end: 1px solid var(--kyc-muted, #5f6368);
  }
  .progress {
    color: var(--kyc-muted, #5f6368);
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
