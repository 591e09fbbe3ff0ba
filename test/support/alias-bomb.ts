/**
 * A billion-laughs document: each key repeats the one above ten times, so four
 * short lines expand to 10,000 nodes, far past yaml's alias cap. Its first
 * alias is at line 2, column 12.
 */
export const ALIAS_BOMB = [
  'bomb0: &a [x, x, x, x, x, x, x, x, x, x]',
  'bomb1: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'bomb2: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'bomb3: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
]
  .map((line) => `${line}\n`)
  .join('');
