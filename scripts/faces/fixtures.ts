// The committed face photos, found as every test finds them (test/shared-fixtures.ts), checked
// against the pixels their landmarks were measured on and prepared for drawing: the studio set's
// portrait (selfie-scenes.ts) and the portraits family's people (faces/person.ts). Without a photo
// a loader says why instead (a message for the user: the generators print it and write nothing; the
// tests fail under CI or skip with it).
import { readFile } from 'node:fs/promises';
import { PORTRAIT_FIXTURE } from '../../test/fixture-names.ts';
import { fixtureDirs, fixturePath, missingFixtureMessage } from '../../test/shared-fixtures.ts';
import { decodePng, type PngImage } from '../png.ts';
import { preparePortrait, type Portrait } from '../selfie-scenes.ts';
import { PEOPLE, type PersonName } from './people.ts';
import { prepareFixture, type Fixture } from './person.ts';

/** Why a fixture could not be loaded. */
export interface MissingFixture {
  readonly missing: string;
}

/** The path of `file` in the first of `dirs` that has it, or why there is none. */
function findFixture(file: string, dirs: readonly string[]): string | MissingFixture {
  return fixturePath(file, dirs) ?? { missing: missingFixtureMessage(file, dirs) };
}

/** The decoded photo at `path`. */
const readPng = async (path: string): Promise<PngImage> => decodePng(await readFile(path));

let portraitCache: { path: string; portrait: Portrait } | undefined;

/**
 * The prepared fixture portrait from the first of `dirs` that has it (default: the folders every
 * test searches, {@link fixtureDirs}), or why it is unavailable.
 */
export async function loadPortrait(
  dirs: readonly string[] = fixtureDirs(),
): Promise<Portrait | MissingFixture> {
  const path = findFixture(PORTRAIT_FIXTURE, dirs);
  if (typeof path !== 'string') return path;
  if (portraitCache?.path === path) return portraitCache.portrait;
  const portrait = preparePortrait(await readPng(path));
  portraitCache = { path, portrait };
  return portrait;
}

/** Loads and prepares one person's photo, or says why it is unavailable. */
export async function loadFixture(
  name: PersonName,
  dirs: readonly string[] = fixtureDirs(),
): Promise<Fixture | MissingFixture> {
  const person = PEOPLE[name];
  const path = findFixture(person.file, dirs);
  if (typeof path !== 'string') return path;
  return prepareFixture(person, await readPng(path));
}
