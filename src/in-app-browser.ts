// Whether the page runs inside another app (a web view or an app's built-in browser) rather than a
// browser of its own. There the app, not the person's browser settings, decides about the camera,
// and a refusal needs different words. The user agent is the only signal a page has: a web view
// exposes no API that says so. An app that sets its own user agent string is not recognised.

/** The in-app browsers the SDK tells apart by their user agent. */
export const InAppBrowser = {
  /** Android's `WebView` (its user agent has `; wv)` since Android 5). */
  AndroidWebView: 'android-webview',
  /** iOS `WKWebView`: WebKit on an iPhone or iPad with `Mobile/` but no `Safari/` token. */
  IosWebView: 'ios-webview',
  /** Facebook and Messenger (`FBAN/`, `FBAV/`, `FB_IAB/`). */
  Facebook: 'facebook',
  /** Instagram (`Instagram <version>`). */
  Instagram: 'instagram',
  /** LINE (`Line/<version>`). */
  Line: 'line',
} as const;
/** One of the recognised in-app browsers. */
export type InAppBrowser = (typeof InAppBrowser)[keyof typeof InAppBrowser];

// Apps first: their browsers are web views too, and the name is the more useful answer. Facebook's
// Android browser on KitKat had no `wv` token at all, only its own.
const APPS: readonly (readonly [InAppBrowser, RegExp])[] = [
  [InAppBrowser.Facebook, /\b(?:FBAN|FBAV|FB_IAB)\//],
  [InAppBrowser.Instagram, /\bInstagram \d/],
  [InAppBrowser.Line, /\bLine\/\d/],
];

/** Android WebView's marker at the end of the platform part: `(Linux; Android 14; Pixel 8; wv)`. */
const ANDROID_WEBVIEW = /;\s*wv\)/;
/** iOS and iPadOS in their mobile user agent (iPadOS asking for desktop sites looks like a Mac). */
const IOS_DEVICE = /\((?:iPhone|iPad|iPod)\b/;

/** Which in-app browser `userAgent` belongs to, or undefined for a browser of its own (or none known). */
export function inAppBrowser(userAgent: string | undefined | null): InAppBrowser | undefined {
  if (!userAgent) return undefined;
  for (const [app, pattern] of APPS) if (pattern.test(userAgent)) return app;
  if (ANDROID_WEBVIEW.test(userAgent)) return InAppBrowser.AndroidWebView;
  // Safari, Chrome (CriOS), Firefox (FxiOS) and Edge (EdgiOS) on iOS all end in `Safari/…`; a bare
  // WKWebView stops at `Mobile/<build>`.
  if (
    IOS_DEVICE.test(userAgent) &&
    userAgent.includes('AppleWebKit/') &&
    /\bMobile\/\w+/.test(userAgent) &&
    !userAgent.includes('Safari/')
  ) {
    return InAppBrowser.IosWebView;
  }
  return undefined;
}
