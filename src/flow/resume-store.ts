// Where the opt-in "resume after a reload" keeps a flow: one IndexedDB record per origin, its
// contents encrypted with AES-GCM under a key generated non-extractable (the record holds the
// `CryptoKey` object, which structured clone stores without exposing its bytes to script), a fresh
// IV on every write, and the session id bound in as additional data, so that a record is only ever
// opened by the session that wrote it. Plain data and Blobs go in; no token ever does (the caller
// never passes one). Every failure of storage is swallowed: resume is a convenience, never a
// reason for the flow to stop.

/** The database's name (one per origin; deleted whole on every wipe). */
export const RESUME_DATABASE = 'kyc-capture-resume';
const STORE = 'flow';
const RECORD = 'current';
const FORMAT = 1;

/** What a record is, as IndexedDB holds it: nothing readable but the time it runs out. */
interface SealedRecord {
  readonly format: typeof FORMAT;
  /** Non-extractable AES-GCM key (a `CryptoKey`; its bytes are never readable by script). */
  readonly key: CryptoKey;
  /** The 96-bit IV of this write: new on every write. */
  readonly iv: Uint8Array<ArrayBuffer>;
  /** Ciphertext and tag of the packed contents. */
  readonly data: ArrayBuffer;
  /** When the record stops being usable (ms since epoch); checked before any decryption. */
  readonly expiresAt: number;
}

/** What the store is given to keep, and gives back. */
export interface KeptFlow<T> {
  /** Plain data (JSON values) and Blobs, at any depth. */
  readonly contents: T;
  /** When the record stops being usable (ms since epoch). */
  readonly expiresAt: number;
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/** Whether this browser can keep a flow at all (IndexedDB and Web Crypto, a secure context). */
export function canKeepFlows(): boolean {
  return typeof indexedDB !== 'undefined' && typeof crypto !== 'undefined' && !!crypto.subtle;
}

/** Every store operation of the page runs after the previous one: a wipe never races a write. */
let queue: Promise<unknown> = Promise.resolve();
function queued<T>(operation: () => Promise<T>): Promise<T> {
  const run = queue.then(operation, operation);
  queue = run.catch(() => undefined);
  return run;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Opens the database for one operation; closed right after, so a wipe is never blocked. */
function open(): Promise<IDBDatabase> {
  const req = indexedDB.open(RESUME_DATABASE, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE);
  return request(req).then((db) => {
    // Another page deleting the database (its wipe) must not wait for this one.
    db.onversionchange = () => db.close();
    return db;
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  use: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    const tx = db.transaction(STORE, mode);
    const result = await request(use(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
    return result;
  } finally {
    db.close();
  }
}

/** The additional data a record is sealed with: a record of one session never opens in another. */
function boundTo(session: string): Uint8Array<ArrayBuffer> {
  return textEncoder.encode(`kyc-capture-resume/${FORMAT} ${session}`);
}

/** A Blob in the packed JSON: its index among the packed blobs, and its type. */
interface BlobMarker {
  readonly $blob: number;
  readonly type: string;
}

function isBlobMarker(value: unknown): value is BlobMarker {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { $blob?: unknown }).$blob === 'number' &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

/** JSON (with each Blob replaced by a marker), then each Blob's length and bytes, as one buffer. */
async function pack(contents: unknown): Promise<Uint8Array<ArrayBuffer>> {
  const blobs: Blob[] = [];
  const json = JSON.stringify(contents, (_key, value: unknown) => {
    if (!(value instanceof Blob)) return value;
    blobs.push(value);
    return { $blob: blobs.length - 1, type: value.type } satisfies BlobMarker;
  });
  const head = textEncoder.encode(json);
  const bodies = await Promise.all(
    blobs.map(async (blob) => new Uint8Array(await blob.arrayBuffer())),
  );
  const size = 4 + head.length + bodies.reduce((sum, body) => sum + 4 + body.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, head.length);
  out.set(head, 4);
  let at = 4 + head.length;
  for (const body of bodies) {
    view.setUint32(at, body.length);
    out.set(body, at + 4);
    at += 4 + body.length;
  }
  return out;
}

function unpack(bytes: Uint8Array<ArrayBuffer>): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headLength = view.getUint32(0);
  const json = textDecoder.decode(bytes.subarray(4, 4 + headLength));
  const bodies: Uint8Array<ArrayBuffer>[] = [];
  for (let at = 4 + headLength; at < bytes.length;) {
    const length = view.getUint32(at);
    bodies.push(bytes.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return JSON.parse(json, (_key, value: unknown) => {
    if (!isBlobMarker(value)) return value;
    const body = bodies[value.$blob];
    if (!body) throw new Error('a kept image is missing');
    return new Blob([body], { type: value.type });
  });
}

/**
 * The flow kept for one session: `save` seals and writes, `load` reads and opens (and wipes what it
 * cannot use), `wipe` deletes the database. One record per origin: a new session replaces it.
 */
export class ResumeStore {
  /** The key of the flow being kept: one per flow, dropped with it. */
  #key: CryptoKey | undefined;

  /** Seals `kept` for `session` and writes it over any earlier record. */
  save<T>(session: string, kept: KeptFlow<T>): Promise<void> {
    return queued(async () => {
      this.#key ??= await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
        'encrypt',
        'decrypt',
      ]);
      const key = this.#key;
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const plain = await pack(kept.contents);
      const data = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: boundTo(session) },
        key,
        plain,
      );
      const record: SealedRecord = { format: FORMAT, key, iv, data, expiresAt: kept.expiresAt };
      await withStore('readwrite', (store) => store.put(record, RECORD));
    });
  }

  /**
   * The flow kept for `session`, when there is one still usable at `now`. A record that ran out,
   * belongs to another session, or does not open is wiped, and undefined returned.
   */
  load(session: string, now: number): Promise<KeptFlow<unknown> | undefined> {
    return queued(async () => {
      const record: unknown = await withStore('readonly', (store) => store.get(RECORD));
      if (record === undefined) return undefined;
      const opened = await unseal(record, session, now);
      if (!opened) {
        await deleteDatabase();
        return undefined;
      }
      this.#key = (record as SealedRecord).key;
      return opened;
    });
  }

  /** Deletes everything kept, key included; the next save starts with a new key. */
  wipe(): Promise<void> {
    this.#key = undefined;
    return queued(deleteDatabase);
  }
}

/** A record's contents, or undefined when it ran out, is of another session or does not open. */
async function unseal(
  record: unknown,
  session: string,
  now: number,
): Promise<KeptFlow<unknown> | undefined> {
  const sealed = record as Partial<SealedRecord> | null;
  if (
    !sealed ||
    sealed.format !== FORMAT ||
    !(sealed.key instanceof CryptoKey) ||
    !(sealed.iv instanceof Uint8Array) ||
    !(sealed.data instanceof ArrayBuffer) ||
    typeof sealed.expiresAt !== 'number' ||
    !(now < sealed.expiresAt)
  ) {
    return undefined;
  }
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.iv, additionalData: boundTo(session) },
      sealed.key,
      sealed.data,
    );
    return { contents: unpack(new Uint8Array(plain)), expiresAt: sealed.expiresAt };
  } catch {
    // Another session's record (the additional data differs) or a damaged one: nothing to use.
    return undefined;
  }
}

function deleteDatabase(): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(RESUME_DATABASE);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}
