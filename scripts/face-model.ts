// Build step: turns the BlazeFace short-range model that npm ships in `@mediapipe/face_detection`
// into one that `@mediapipe/tasks-vision`'s FaceDetector accepts.
//
// The npm file is a plain TFLite flatbuffer without TFLite model metadata, and MediaPipe Tasks
// refuses a float32 image input without it ("requires specifying NormalizationOptions metadata").
// Adding a `TFLITE_METADATA` buffer holding a `ModelMetadata` flatbuffer (identifier `M001`, schema:
// tensorflow_lite_support/metadata/metadata_schema.fbs) that describes the input as an RGB image
// normalised with mean 127.5 / std 127.5 (pixels to [-1, 1]) is all it takes. The detector's anchors
// and decoding are fixed in MediaPipe's face detector graph, so nothing else is read from the file.
//
//   node --import tsx scripts/face-model.ts --out <file>   writes the tasks-compatible model
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The npm package and file the model comes from. */
export const FACE_MODEL_SOURCE = resolve(
  ROOT,
  'node_modules/@mediapipe/face_detection/face_detection_short_range.tflite',
);
/** Name of the TFLite `metadata` entry MediaPipe looks for. */
export const METADATA_NAME = 'TFLITE_METADATA';
/** File identifier of the TFLite model metadata schema. */
export const METADATA_IDENTIFIER = 'M001';
/** Normalisation the model was trained with: (pixel - mean) / std maps 0..255 to -1..1. */
export const FACE_MODEL_NORMALIZATION = { mean: 127.5, std: 127.5 } as const;

// ---------------------------------------------------------------------------------------------
// A minimal flatbuffer writer. Flatbuffers address children with unsigned offsets that only point
// forward, so this lays every table out before its children (vtable, table, then each child) and
// patches the offsets once the child's position is known. Enough for the metadata schema: tables,
// strings, vectors of tables/strings/floats, byte/uint/float scalars and unions (type + value).

/** A field of a table under construction. */
type Field =
  | { readonly kind: 'u8'; readonly value: number }
  | { readonly kind: 'u32'; readonly value: number }
  | { readonly kind: 'f32'; readonly value: number }
  | Node;
/** Something a table can point at. */
type Node =
  | { readonly kind: 'table'; readonly fields: readonly (Field | undefined)[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'floats'; readonly values: readonly number[] }
  | { readonly kind: 'vector'; readonly items: readonly Node[] };

const u8 = (value: number): Field => ({ kind: 'u8', value });
const u32 = (value: number): Field => ({ kind: 'u32', value });
const str = (value: string): Node => ({ kind: 'string', value });
const floats = (...values: number[]): Node => ({ kind: 'floats', values });
const vector = (...items: Node[]): Node => ({ kind: 'vector', items });
const table = (...fields: (Field | undefined)[]): Node => ({ kind: 'table', fields });

/** A growable little-endian byte buffer with absolute writes. */
class ByteWriter {
  #bytes = new Uint8Array(1024);
  #view = new DataView(this.#bytes.buffer);
  length = 0;

  #reserve(extra: number): void {
    if (this.length + extra <= this.#bytes.length) return;
    const next = new Uint8Array(Math.max(this.#bytes.length * 2, this.length + extra));
    next.set(this.#bytes);
    this.#bytes = next;
    this.#view = new DataView(next.buffer);
  }

  /** Pads with zeros until `(length + offset) % n === 0`. */
  align(n: number, offset = 0): void {
    while ((this.length + offset) % n !== 0) this.u8(0);
  }
  u8(value: number): number {
    this.#reserve(1);
    this.#view.setUint8(this.length, value);
    return this.length++;
  }
  u16(value: number): number {
    this.#reserve(2);
    this.#view.setUint16(this.length, value, true);
    this.length += 2;
    return this.length - 2;
  }
  u32(value: number): number {
    this.#reserve(4);
    this.#view.setUint32(this.length, value, true);
    this.length += 4;
    return this.length - 4;
  }
  i32(value: number): number {
    this.#reserve(4);
    this.#view.setInt32(this.length, value, true);
    this.length += 4;
    return this.length - 4;
  }
  f32(value: number): number {
    this.#reserve(4);
    this.#view.setFloat32(this.length, value, true);
    this.length += 4;
    return this.length - 4;
  }
  bytes(data: Uint8Array): number {
    this.#reserve(data.length);
    this.#bytes.set(data, this.length);
    this.length += data.length;
    return this.length - data.length;
  }
  setU16(at: number, value: number): void {
    this.#view.setUint16(at, value, true);
  }
  setU32(at: number, value: number): void {
    this.#view.setUint32(at, value, true);
  }
  /** Points the uoffset slot at `slot` to `target` (which must lie after it). */
  patch(slot: number, target: number): void {
    if (target <= slot) throw new Error('flatbuffer offsets must point forward');
    this.setU32(slot, target - slot);
  }
  result(): Uint8Array {
    return this.#bytes.slice(0, this.length);
  }
}

const SIZE: Record<'u8' | 'u32' | 'f32', number> = { u8: 1, u32: 4, f32: 4 };

/** Writes `node` at the current position (aligned) and returns where it starts. */
function writeNode(w: ByteWriter, node: Node): number {
  switch (node.kind) {
    case 'string': {
      const utf8 = new TextEncoder().encode(node.value);
      w.align(4);
      const at = w.u32(utf8.length);
      w.bytes(utf8);
      w.u8(0);
      return at;
    }
    case 'floats': {
      w.align(4);
      const at = w.u32(node.values.length);
      for (const v of node.values) w.f32(v);
      return at;
    }
    case 'vector': {
      w.align(4);
      const at = w.u32(node.items.length);
      const slots = node.items.map(() => w.u32(0));
      node.items.forEach((item, i) => w.patch(slots[i]!, writeNode(w, item)));
      return at;
    }
    case 'table':
      return writeTable(w, node.fields);
  }
}

function writeTable(w: ByteWriter, fields: readonly (Field | undefined)[]): number {
  // Inline layout: the soffset to the vtable, then 4-byte fields, then 1-byte fields (so that
  // every field is aligned to its size).
  const present = fields
    .map((field, index) => ({ field, index }))
    .filter((f): f is { field: Field; index: number } => f.field !== undefined);
  const size = (f: Field) => (f.kind in SIZE ? SIZE[f.kind as keyof typeof SIZE] : 4);
  const ordered = [...present].sort((a, b) => size(b.field) - size(a.field));
  const offsets = new Map<number, number>();
  let inline = 4;
  for (const { field, index } of ordered) {
    offsets.set(index, inline);
    inline += size(field);
  }
  const tableSize = inline;
  // vtable: its own size, the table's inline size, then one voffset per field (0 = absent).
  w.align(2);
  const vtable = w.u16(4 + 2 * fields.length);
  w.u16(tableSize);
  for (let i = 0; i < fields.length; i++) w.u16(offsets.get(i) ?? 0);
  w.align(4);
  const start = w.length;
  w.i32(start - vtable); // vtable = table - soffset: the vtable sits just before the table
  const slots: { slot: number; node: Node }[] = [];
  for (const { field } of ordered) {
    if (field.kind === 'u8') w.u8(field.value);
    else if (field.kind === 'u32') w.u32(field.value);
    else if (field.kind === 'f32') w.f32(field.value);
    else slots.push({ slot: w.u32(0), node: field });
  }
  for (const { slot, node } of slots) w.patch(slot, writeNode(w, node));
  return start;
}

/** Serialises `root` as a flatbuffer with the given 4-character file identifier. */
function finishFlatbuffer(root: Node, identifier: string): Uint8Array {
  const w = new ByteWriter();
  const rootSlot = w.u32(0);
  w.bytes(new TextEncoder().encode(identifier));
  w.patch(rootSlot, writeNode(w, root));
  return w.result();
}

// ---------------------------------------------------------------------------------------------
// The metadata (tflite metadata_schema.fbs; field numbers in comments).

/** `ContentProperties` union member `ImageProperties`. */
const CONTENT_IMAGE_PROPERTIES = 2;
/** `ColorSpaceType.RGB`. */
const COLOR_SPACE_RGB = 1;
/** `ProcessUnitOptions` union member `NormalizationOptions`. */
const PROCESS_UNIT_NORMALIZATION = 1;

/** The `ModelMetadata` flatbuffer (identifier `M001`) for the short-range face model. */
export function faceModelMetadata(): Uint8Array {
  const { mean, std } = FACE_MODEL_NORMALIZATION;
  const image = table(
    /* 0 name */ str('image'),
    /* 1 description */ str('RGB image, 128x128, pixels normalised to [-1, 1].'),
    /* 2 dimension_names */ undefined,
    /* 3 content */ table(
      /* 0 content_properties_type */ u8(CONTENT_IMAGE_PROPERTIES),
      /* 1 content_properties: ImageProperties */ table(
        /* 0 color_space */ u8(COLOR_SPACE_RGB),
        /* 1 default_size: ImageSize */ table(/* width */ u32(128), /* height */ u32(128)),
      ),
    ),
    /* 4 process_units */ vector(
      table(
        /* 0 options_type */ u8(PROCESS_UNIT_NORMALIZATION),
        /* 1 options: NormalizationOptions */ table(/* mean */ floats(mean), /* std */ floats(std)),
      ),
    ),
    /* 5 stats */ table(/* max */ floats(1), /* min */ floats(-1)),
  );
  // Output tensors, in the order of the subgraph's outputs.
  const regressors = table(
    str('regressors'),
    str('896 anchors x (box cx, cy, w, h + 6 keypoints x, y), in input pixels.'),
  );
  const classificators = table(str('classificators'), str('896 anchors x 1 face score (logit).'));
  const model = table(
    /* 0 name */ str('face_detection_short_range'),
    /* 1 description */ str(
      'BlazeFace short-range face detector from @mediapipe/face_detection, with the input ' +
        'metadata MediaPipe Tasks needs added by kyc-capture scripts/face-model.ts.',
    ),
    /* 2 version */ str('0.4.1657300184'),
    /* 3 subgraph_metadata */ vector(
      table(
        /* 0 name */ str('face_detection_short_range'),
        /* 1 description */ undefined,
        /* 2 input_tensor_metadata */ vector(image),
        /* 3 output_tensor_metadata */ vector(regressors, classificators),
      ),
    ),
    /* 4 author */ str('MediaPipe'),
    /* 5 license */ str('Apache-2.0'),
    /* 6 associated_files */ undefined,
    /* 7 min_parser_version */ str('1.0.0'),
  );
  return finishFlatbuffer(model, METADATA_IDENTIFIER);
}

// ---------------------------------------------------------------------------------------------
// Adding the metadata to the model (tflite schema.fbs `Model`).
//
// Offsets only point forward, so a new root can't sit after the data it refers to. Instead the new
// root `Model` table goes in front: [root offset, "TFL3", new Model table, new `buffers` and
// `metadata` vectors, the new Metadata entry] + the original file, untouched, moved by a multiple of
// 16 bytes (so every buffer keeps its alignment) + the new Buffer with the metadata bytes. The new
// Model reuses the original subgraphs, operator codes and buffers in place.

/** `Model` fields (tflite schema.fbs). */
const MODEL = {
  version: 0,
  operatorCodes: 1,
  subgraphs: 2,
  description: 3,
  buffers: 4,
  metadataBuffer: 5,
  metadata: 6,
  signatureDefs: 7,
} as const;
const MODEL_FIELD_COUNT = 8;

/** Just enough reading to find the fields of the original Model. */
class FlatReader {
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u32(at: number): number {
    return this.view.getUint32(at, true);
  }
  /** Absolute position a uoffset at `at` points to. */
  deref(at: number): number {
    return at + this.u32(at);
  }
  /** Number of fields in the table's vtable and the absolute position of field `i` (0: absent). */
  fields(tableAt: number): { count: number; at: (i: number) => number } {
    const vtable = tableAt - this.view.getInt32(tableAt, true);
    const count = (this.view.getUint16(vtable, true) - 4) / 2;
    return {
      count,
      at: (i) => {
        if (i >= count) return 0;
        const offset = this.view.getUint16(vtable + 4 + 2 * i, true);
        return offset ? tableAt + offset : 0;
      },
    };
  }
  /** Absolute positions of the tables a vector of offsets (at uoffset slot `slot`) refers to. */
  tables(slot: number): number[] {
    if (!slot) return [];
    const vec = this.deref(slot);
    return Array.from({ length: this.u32(vec) }, (_, i) => this.deref(vec + 4 + 4 * i));
  }
  string(slot: number): string {
    const at = this.deref(slot);
    return new TextDecoder().decode(this.bytes.subarray(at + 4, at + 4 + this.u32(at)));
  }
}

/**
 * Returns a copy of a TFLite model with a `TFLITE_METADATA` entry describing the face detector's
 * input (RGB, normalised with mean 127.5 and std 127.5). The original subgraphs, tensors, operators
 * and weights are kept byte for byte. Throws when the input isn't a TFLite model or already has
 * metadata.
 */
export function addFaceModelMetadata(tflite: Uint8Array): Uint8Array {
  const r = new FlatReader(tflite);
  if (tflite.length < 8 || new TextDecoder().decode(tflite.subarray(4, 8)) !== 'TFL3')
    throw new Error('not a TFLite model (file identifier TFL3 missing)');
  const oldRoot = r.deref(0);
  const old = r.fields(oldRoot);
  for (let i = MODEL_FIELD_COUNT; i < old.count; i++)
    if (old.at(i)) throw new Error(`the model has a Model field this script doesn't know (#${i})`);
  const oldBuffers = r.tables(old.at(MODEL.buffers));
  const oldMetadata = r.tables(old.at(MODEL.metadata));
  for (const entry of oldMetadata) {
    const name = r.fields(entry).at(0);
    if (name && r.string(name) === METADATA_NAME)
      throw new Error(`the model already has ${METADATA_NAME}`);
  }
  for (const buffer of oldBuffers) {
    // Buffer.offset/size (fields 1, 2) hold absolute file positions (models over 2 GB): moving the
    // file would break them.
    const f = r.fields(buffer);
    if (f.at(1) || f.at(2)) throw new Error('models with out-of-line buffers are not supported');
  }
  const metadata = faceModelMetadata();

  const w = new ByteWriter();
  // Patches into the original file are resolved once we know where it lands.
  const toOld: { slot: number; oldTarget: number }[] = [];
  const rootSlot = w.u32(0);
  w.bytes(new TextEncoder().encode('TFL3'));

  // The new Model table: vtable, then the soffset and one 4-byte slot per present field.
  const present = Array.from({ length: MODEL_FIELD_COUNT }, (_, i) => i).filter(
    (i) => i === MODEL.buffers || i === MODEL.metadata || old.at(i) !== 0,
  );
  w.align(2);
  const vtable = w.u16(4 + 2 * MODEL_FIELD_COUNT);
  w.u16(4 + 4 * present.length);
  for (let i = 0; i < MODEL_FIELD_COUNT; i++) {
    const index = present.indexOf(i);
    w.u16(index < 0 ? 0 : 4 + 4 * index);
  }
  w.align(4);
  const root = w.i32(0);
  w.setU32(root, root - vtable);
  w.patch(rootSlot, root);
  const slot = new Map<number, number>();
  for (const i of present) {
    if (i === MODEL.version) slot.set(i, w.u32(r.u32(old.at(i))));
    else slot.set(i, w.u32(0));
  }
  for (const i of present) {
    if (i === MODEL.version || i === MODEL.buffers || i === MODEL.metadata) continue;
    toOld.push({ slot: slot.get(i)!, oldTarget: r.deref(old.at(i)) });
  }
  // buffers: the original ones, then ours.
  w.patch(slot.get(MODEL.buffers)!, w.u32(oldBuffers.length + 1));
  for (const buffer of oldBuffers) toOld.push({ slot: w.u32(0), oldTarget: buffer });
  const newBufferSlot = w.u32(0);
  // metadata: the original entries, then ours.
  w.patch(slot.get(MODEL.metadata)!, w.u32(oldMetadata.length + 1));
  for (const entry of oldMetadata) toOld.push({ slot: w.u32(0), oldTarget: entry });
  const newEntrySlot = w.u32(0);
  // Metadata { name: "TFLITE_METADATA", buffer: <index of our buffer> }.
  w.align(2);
  const entryVtable = w.u16(8);
  w.u16(12);
  w.u16(4); // name
  w.u16(8); // buffer
  w.align(4);
  const entry = w.i32(0);
  w.setU32(entry, entry - entryVtable);
  w.patch(newEntrySlot, entry);
  const nameSlot = w.u32(0);
  w.u32(oldBuffers.length);
  w.patch(nameSlot, writeNode(w, str(METADATA_NAME)));

  // The original file, moved by a multiple of 16.
  w.align(16);
  const shift = w.length;
  w.bytes(tflite);
  for (const { slot: at, oldTarget } of toOld) w.patch(at, shift + oldTarget);

  // Buffer { data: [ubyte] } with the metadata, its bytes 16-aligned (force_align: 16).
  w.align(2);
  const bufferVtable = w.u16(6);
  w.u16(8);
  w.u16(4); // data
  w.align(4);
  const buffer = w.i32(0);
  w.setU32(buffer, buffer - bufferVtable);
  w.patch(newBufferSlot, buffer);
  const dataSlot = w.u32(0);
  w.align(16, 4);
  w.patch(dataSlot, w.u32(metadata.length));
  w.bytes(metadata);
  w.align(4);
  return w.result();
}

/** Reads the npm model and returns the tasks-compatible bytes. */
export function readFaceModelFile(source: string = FACE_MODEL_SOURCE): Uint8Array {
  return addFaceModelMetadata(new Uint8Array(readFileSync(source)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 ? process.argv[at + 1] : undefined;
  if (!out) {
    console.error('usage: node --import tsx scripts/face-model.ts --out <file.tflite>');
    process.exit(2);
  }
  const bytes = readFaceModelFile();
  writeFileSync(out, bytes);
  console.log(`${out}: ${bytes.length} bytes (from ${FACE_MODEL_SOURCE})`);
}
