// The person's position, for protocols that send one with the images (idv-sdk's latitude and
// longitude). Asked of the Geolocation API only when the integrator turns it on; coarse (no GPS
// warm-up), cached by the browser for up to 10 minutes. A refusal, a timeout or a browser without
// the API gives the integrator's fallback, or nothing when it set none: no position is invented.

/** A position in decimal degrees (WGS 84). */
export interface GeoPosition {
  readonly latitude: number;
  readonly longitude: number;
}

/** Settings of {@link currentPosition}. */
export interface PositionOptions {
  /** What to answer when the position is unavailable or refused; without one, undefined. */
  readonly fallback?: GeoPosition | undefined;
  /** How long to wait for the browser (and the person's answer to its prompt), in ms; default 10000. */
  readonly timeoutMs?: number;
}

/** Whether a value is a usable position. */
export function isGeoPosition(value: unknown): value is GeoPosition {
  if (typeof value !== 'object' || value === null) return false;
  const { latitude, longitude } = value as Record<string, unknown>;
  return (
    typeof latitude === 'number' &&
    typeof longitude === 'number' &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180
  );
}

/** The device's position from the Geolocation API, or `fallback` when there is none to have. */
export function currentPosition(options: PositionOptions): Promise<GeoPosition | undefined> {
  const { fallback } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const geolocation = (globalThis as { navigator?: Navigator }).navigator?.geolocation;
  if (!geolocation) return Promise.resolve(fallback);
  return new Promise((resolve) => {
    // The API's own timeout starts only after the person answers the prompt; this one covers both.
    const timer = setTimeout(() => resolve(fallback), timeoutMs + 1000);
    const done = (position: GeoPosition | undefined) => {
      clearTimeout(timer);
      resolve(position);
    };
    try {
      geolocation.getCurrentPosition(
        ({ coords }) => {
          const position = { latitude: coords.latitude, longitude: coords.longitude };
          done(isGeoPosition(position) ? position : fallback);
        },
        () => done(fallback),
        { enableHighAccuracy: false, maximumAge: 600_000, timeout: timeoutMs },
      );
    } catch {
      done(fallback);
    }
  });
}
