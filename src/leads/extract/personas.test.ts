import { describe, expect, it } from 'vitest';
import { personaNames } from './index.ts';

describe('persona names', () => {
  it.each([
    ["Hi, I'm Jade and I love to play", ['Jade']],
    ['my name is Luna, ask for Luna', ['Luna']],
    ['Call and ask for Coco. I am Mia', ['Coco', 'Mia']],
    ['Hola, me llamo Valentina', ['Valentina']],
    ['soy Dulce, pregunta por Dulce', ['Dulce']],
    ['I’m Renée', ['Renée']],
  ])('%s', (text, names) => expect(personaNames(text)).toEqual(names));

  it.each([
    "I'm available tonight",
    "I'm Available now",
    'Soy Nueva en la ciudad',
    'ask for details',
    "i'm jade",
    'Jade, call now',
  ])('finds no name in "%s"', (text) => expect(personaNames(text)).toEqual([]));
});
