/** Landscape ids (the words of scenario files and links) → definitions. Adding a landscape: one file, one line here. */
import { ackley } from './ackley.ts';
import { eye } from './eye.ts';
import { houseOfCards } from './house-of-cards.ts';
import type { LandscapeDef } from './landscape.ts';
import { leadingOnes } from './leading-ones.ts';
import { mlp } from './mlp.ts';
import { nk } from './nk.ts';
import { onemax } from './onemax.ts';
import { rastrigin } from './rastrigin.ts';
import { reluTeacherStudent } from './relu-teacher-student.ts';
import { rosenbrock } from './rosenbrock.ts';
import { roughMountFuji } from './rough-mount-fuji.ts';
import { sphere } from './sphere.ts';
import { styblinskiTang } from './styblinski-tang.ts';

export const landscapes: readonly LandscapeDef<any>[] = [
  sphere,
  rastrigin,
  ackley,
  rosenbrock,
  styblinskiTang,
  onemax,
  leadingOnes,
  nk,
  houseOfCards,
  roughMountFuji,
  mlp,
  reluTeacherStudent,
  eye,
];

export const landscapeIds: readonly string[] = landscapes.map((l) => l.id);

/** The definition for `id`, or undefined. */
export function landscapeDef(id: string): LandscapeDef<any> | undefined {
  return landscapes.find((l) => l.id === id);
}
