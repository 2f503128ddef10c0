// Checks the tasks-compatible face model by reading it back with a flatbuffer reader of its own
// (not the writer's), the way MediaPipe does: a bounds- and alignment-checked walk of the TFLite
// Model, then the ModelMetadata flatbuffer found through the `TFLITE_METADATA` entry.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { addFaceModelMetadata, FACE_MODEL_SOURCE, readFaceModelFile } from './face-model.ts';

/** A checked little-endian flatbuffer reader: every access is bounds- and alignment-checked. */
class Flat {
  readonly #view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  #check(at: number, size: number, align: number): void {
    assert.ok(at >= 0 && at + size <= this.bytes.length, `read of ${size} at ${at} out of bounds`);
    assert.equal(at % align, 0, `read at ${at} is not ${align}-aligned`);
  }
  u8(at: number): number {
    this.#check(at, 1, 1);
    return this.#view.getUint8(at);
  }
  u16(at: number): number {
    this.#check(at, 2, 2);
    return this.#view.getUint16(at, true);
  }
  u32(at: number): number {
    this.#check(at, 4, 4);
    return this.#view.getUint32(at, true);
  }
  i32(at: number): number {
    this.#check(at, 4, 4);
    return this.#view.getInt32(at, true);
  }
  f32(at: number): number {
    this.#check(at, 4, 4);
    return this.#view.getFloat32(at, true);
  }
  /** The table the root offset points at, after checking the file identifier. */
  root(identifier: string): Table {
    assert.equal(new TextDecoder().decode(this.bytes.subarray(4, 8)), identifier);
    return new Table(this, this.u32(0));
  }
}

/** One table: field access through its vtable. */
class Table {
  readonly #vtable: number;
  readonly #vtableSize: number;
  constructor(
    readonly flat: Flat,
    readonly at: number,
  ) {
    this.#vtable = at - flat.i32(at);
    this.#vtableSize = flat.u16(this.#vtable);
    assert.ok(this.#vtableSize >= 4 && this.#vtableSize % 2 === 0, 'vtable size');
    const tableSize = flat.u16(this.#vtable + 2);
    assert.ok(at + tableSize <= flat.bytes.length, 'table inside the buffer');
  }
  /** Absolute position of field `i`, or undefined when absent. */
  field(i: number): number | undefined {
    if (4 + 2 * i >= this.#vtableSize) return undefined;
    const offset = this.flat.u16(this.#vtable + 4 + 2 * i);
    return offset ? this.at + offset : undefined;
  }
  #deref(i: number): number | undefined {
    const at = this.field(i);
    return at === undefined ? undefined : at + this.flat.u32(at);
  }
  u8(i: number, fallback = 0): number {
    const at = this.field(i);
    return at === undefined ? fallback : this.flat.u8(at);
  }
  u32(i: number, fallback = 0): number {
    const at = this.field(i);
    return at === undefined ? fallback : this.flat.u32(at);
  }
  i32(i: number, fallback = 0): number {
    const at = this.field(i);
    return at === undefined ? fallback : this.flat.i32(at);
  }
  table(i: number): Table | undefined {
    const at = this.#deref(i);
    return at === undefined ? undefined : new Table(this.flat, at);
  }
  string(i: number): string | undefined {
    const at = this.#deref(i);
    if (at === undefined) return undefined;
    const length = this.flat.u32(at);
    assert.equal(this.flat.u8(at + 4 + length), 0, 'strings are NUL-terminated');
    return new TextDecoder().decode(this.flat.bytes.subarray(at + 4, at + 4 + length));
  }
  /** Vector of tables. */
  tables(i: number): Table[] {
    const at = this.#deref(i);
    if (at === undefined) return [];
    return Array.from({ length: this.flat.u32(at) }, (_, k) => {
      const slot = at + 4 + 4 * k;
      return new Table(this.flat, slot + this.flat.u32(slot));
    });
  }
  /** Vector of 4-byte scalars read with `read`. */
  scalars(i: number, read: 'i32' | 'u32' | 'f32'): number[] {
    const at = this.#deref(i);
    if (at === undefined) return [];
    return Array.from({ length: this.flat.u32(at) }, (_, k) => this.flat[read](at + 4 + 4 * k));
  }
  /** Vector of bytes, with the absolute position of its first byte. */
  bytes(i: number): { at: number; data: Uint8Array } | undefined {
    const at = this.#deref(i);
    if (at === undefined) return undefined;
    const length = this.flat.u32(at);
    assert.ok(at + 4 + length <= this.flat.bytes.length, 'byte vector inside the buffer');
    return { at: at + 4, data: this.flat.bytes.subarray(at + 4, at + 4 + length) };
  }
}

// tflite schema.fbs field numbers.
const MODEL = { version: 0, operatorCodes: 1, subgraphs: 2, buffers: 4, metadata: 6 };
const SUBGRAPH = { tensors: 0, inputs: 1, outputs: 2, operators: 3 };
const TENSOR = { shape: 0, type: 1, buffer: 2, name: 3 };
const OPERATOR = { opcode: 0, inputs: 1, outputs: 2, builtinOptionsType: 3 };
const OPCODE = { deprecatedBuiltin: 0, custom: 1, version: 2, builtin: 3 };

const sha = (data: Uint8Array | undefined) =>
  data ? createHash('sha256').update(data).digest('hex') : null;

/** Everything that defines what the model computes, as plain data. */
function describeModel(model: Table) {
  return {
    version: model.u32(MODEL.version),
    operatorCodes: model.tables(MODEL.operatorCodes).map((code) => ({
      deprecatedBuiltin: code.u8(OPCODE.deprecatedBuiltin),
      custom: code.string(OPCODE.custom) ?? null,
      version: code.i32(OPCODE.version, 1),
      builtin: code.i32(OPCODE.builtin),
    })),
    subgraphs: model.tables(MODEL.subgraphs).map((subgraph) => ({
      inputs: subgraph.scalars(SUBGRAPH.inputs, 'i32'),
      outputs: subgraph.scalars(SUBGRAPH.outputs, 'i32'),
      tensors: subgraph.tables(SUBGRAPH.tensors).map((tensor) => ({
        name: tensor.string(TENSOR.name),
        shape: tensor.scalars(TENSOR.shape, 'i32'),
        type: tensor.u8(TENSOR.type),
        buffer: tensor.u32(TENSOR.buffer),
      })),
      operators: subgraph.tables(SUBGRAPH.operators).map((op) => ({
        opcode: op.u32(OPERATOR.opcode),
        inputs: op.scalars(OPERATOR.inputs, 'i32'),
        outputs: op.scalars(OPERATOR.outputs, 'i32'),
        builtinOptionsType: op.u8(OPERATOR.builtinOptionsType),
      })),
    })),
    buffers: model.tables(MODEL.buffers).map((buffer) => sha(buffer.bytes(0)?.data)),
  };
}

describe('face model build step', () => {
  const original = new Uint8Array(readFileSync(FACE_MODEL_SOURCE));
  const produced = addFaceModelMetadata(original);
  const model = new Flat(produced).root('TFL3');

  test('keeps the graph, tensors, operators and weights of the npm model unchanged', () => {
    const before = describeModel(new Flat(original).root('TFL3'));
    const after = describeModel(model);
    assert.deepEqual(after.operatorCodes, before.operatorCodes);
    assert.deepEqual(after.subgraphs, before.subgraphs);
    assert.equal(after.version, before.version);
    assert.deepEqual(after.buffers.slice(0, -1), before.buffers, 'original buffers, in order');
    assert.equal(after.buffers.length, before.buffers.length + 1, 'one buffer added');
    const input = after.subgraphs[0]!.tensors[after.subgraphs[0]!.inputs[0]!]!;
    assert.deepEqual(input.shape, [1, 128, 128, 3]);
    assert.equal(input.type, 0, 'float32 input: MediaPipe needs NormalizationOptions for it');
  });

  test('adds TFLITE_METADATA: a ModelMetadata (M001) with RGB input and mean/std 127.5', () => {
    const entries = model.tables(MODEL.metadata);
    const named = entries.filter((entry) => entry.string(0) === 'TFLITE_METADATA');
    assert.equal(named.length, 1, 'exactly one TFLITE_METADATA entry');
    const buffers = model.tables(MODEL.buffers);
    const index = named[0]!.u32(1);
    assert.ok(index < buffers.length, 'the entry points at an existing buffer');
    const buffer = buffers[index]!.bytes(0);
    assert.ok(buffer, 'the metadata buffer has data');
    assert.equal(buffer.at % 16, 0, 'buffer data is 16-aligned (force_align: 16)');

    const metadata = new Flat(buffer.data).root('M001');
    // ModelMetadata: 3 subgraph_metadata, 7 min_parser_version.
    assert.ok(metadata.string(7) === undefined || /^1\.\d+\.\d+$/.test(metadata.string(7)!));
    const subgraphs = metadata.tables(3);
    assert.equal(subgraphs.length, 1);
    const modelInputs = describeModel(model).subgraphs[0]!;
    // SubGraphMetadata: 2 input_tensor_metadata, 3 output_tensor_metadata.
    const inputs = subgraphs[0]!.tables(2);
    assert.equal(inputs.length, modelInputs.inputs.length, 'one TensorMetadata per model input');
    const outputs = subgraphs[0]!.tables(3);
    assert.ok(outputs.length === 0 || outputs.length === modelInputs.outputs.length);
    // TensorMetadata: 3 content; Content: 0 content_properties_type, 1 content_properties.
    const content = inputs[0]!.table(3);
    assert.ok(content, 'the input has content');
    assert.equal(content.u8(0), 2, 'content is ImageProperties');
    assert.equal(content.table(1)!.u8(0), 1, 'ImageProperties.color_space is RGB');
    // TensorMetadata: 4 process_units; ProcessUnit: 0 options_type, 1 options.
    const units = inputs[0]!.tables(4);
    const normalization = units.filter((unit) => unit.u8(0) === 1);
    assert.equal(normalization.length, 1, 'exactly one NormalizationOptions');
    const options = normalization[0]!.table(1)!;
    assert.deepEqual(options.scalars(0, 'f32'), [127.5], 'mean');
    assert.deepEqual(options.scalars(1, 'f32'), [127.5], 'std');
  });

  test('refuses to add the metadata twice and rejects files that are not TFLite models', () => {
    assert.throws(() => addFaceModelMetadata(produced), /already has TFLITE_METADATA/);
    assert.throws(() => addFaceModelMetadata(new Uint8Array(64)), /not a TFLite model/);
  });

  test('the CLI writes the same bytes as readFaceModelFile()', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kyc-face-model-'));
    try {
      const out = join(dir, 'face.tflite');
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/face-model.ts', '--out', out], {
        cwd: resolve(dirname(fileURLToPath(import.meta.url)), '..'),
        stdio: 'pipe',
      });
      assert.deepEqual(new Uint8Array(await readFile(out)), readFaceModelFile());
      assert.deepEqual(readFaceModelFile(), produced);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
