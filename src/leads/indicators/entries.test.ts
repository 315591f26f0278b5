import { describe, expect, it } from 'vitest';
import { compileLexicon, loadLexicon } from './index.ts';

const lexicon = loadLexicon();
const matcher = compileLexicon(lexicon);
const entriesFired = (text: string) => matcher.flag(text).map((f) => f.entry);

/** Each entry added from the third-party, several-people, payment and control literature, with text it must and must not flag. */
const EXAMPLES: Record<string, { yes: string[]; no: string[] }> = {
  'third-party-en-ask-for': {
    yes: ['Call and ask for Jade', 'text & ask for Mia tonight', 'DM ask for Coco'],
    no: ['Ask for details', 'never be afraid to ask for what you want'],
  },
  'third-party-es-pregunta-por': {
    yes: ['Llama y pregunta por Luna', 'escribe pregunta por Sofi'],
    no: ['pregunta lo que quieras'],
  },
  'third-party-en-manager': {
    yes: ['contact her manager to book', 'our booker answers 24/7', 'my driver waits outside'],
    no: ['I am my own boss', 'manager special today'],
  },
  'third-party-es-encargado': {
    yes: ['habla con su encargado', 'mi representante te atiende'],
    no: ['encargada de mi propia agenda no'],
  },
  'third-party-en-she-is-available': {
    yes: ["She's available all night", 'she is waiting for your call', 'he will be available'],
    no: ['I am available all night', 'she is the best'],
  },
  'third-party-en-book-her': { yes: ['book her now', 'reserve one of my girls tonight'], no: ['book now', 'book me tonight'] },
  'third-party-es-ella-esta': { yes: ['ella está disponible hoy', 'ella esta esperándote'], no: ['estoy disponible hoy'] },
  'several-en-girls-available': {
    yes: ['3 girls available', 'several ladies to choose from', 'two women working tonight'],
    no: ['girls night out', 'available for girls and guys'],
  },
  'several-en-new-girls-every': { yes: ['new girls every week', 'New ladies each day'], no: ['new girl in town'] },
  'several-en-choose-from': { yes: ['choose from our girls', 'pick the ladies you like'], no: ['choose me', 'pick a time'] },
  'several-en-two-girl-special': { yes: ['2 girl special', 'two-girl special tonight'], no: ['special girl', 'two specials'] },
  'several-es-varias-chicas': { yes: ['varias chicas disponibles', '5 chicas nuevas'], no: ['chica sola', 'una chica'] },
  'several-es-chicas-nuevas': { yes: ['chicas nuevas cada semana', 'chicas nuevas todas las semanas'], no: ['chica nueva'] },
  'payment-en-roses': {
    yes: ['150 roses hh', '200 donation', 'roses only', 'donations upfront'],
    no: ['I love roses', 'bring flowers and a smile'],
  },
  'payment-en-deposit': {
    yes: ['cashapp deposit first', 'Venmo only', 'deposit required to book'],
    no: ['cash is fine', 'I deposit my own money'],
  },
  'payment-es-rosas': { yes: ['150 rosas', '100 donativos'], no: ['me gustan las rosas'] },
  'payment-emoji-money-bag': { yes: ['💰💰 hh'], no: ['💋 hh'] },
  'payment-emoji-banknote': { yes: ['💵 only'], no: ['$ only'] },
  'payment-emoji-flying-money': { yes: ['💸 first'], no: ['✨ first'] },
  'payment-emoji-rosette': { yes: ['🏵️ 150', '🏵 150'], no: ['🌼 150'] },
  'control-en-no-english': { yes: ['No English', 'little english, very sweet'], no: ['English and Spanish spoken', 'no games'] },
  'control-es-no-habla-ingles': { yes: ['no habla inglés', 'poco ingles'], no: ['hablo inglés y español'] },
  'control-en-does-anything': {
    yes: ['she does anything you want', 'will do whatever u say'],
    no: ['ask me anything', 'do whatever makes you happy'],
  },
  'control-en-obedient': { yes: ['very obedient', 'submissive and obedient'], no: ['obedience school', 'sweet and kind'] },
  'control-es-obediente': {
    yes: ['muy obediente', 'hace todo lo que pidas', 'hace lo que quieras'],
    no: ['hago lo que me gusta'],
  },
  'control-en-no-questions': { yes: ['no questions', 'No talking'], no: ['questions welcome', 'no rush'] },
  'control-en-driver-brings': {
    yes: ['driver will bring her to you', 'we bring the girls to your hotel', 'ride drops her off'],
    no: ['I drive myself', 'bring your friends'],
  },
};

const NEW_CODES = ['third-party-language', 'several-people', 'payment-code-word', 'payment-emoji', 'control-language'];

describe('third-party, several-people, payment and control entries', () => {
  it('every such entry has examples, a source and a strength of evidence', () => {
    const added = lexicon.entries.filter((e) => NEW_CODES.includes(e.code));
    expect(added.map((e) => e.id).sort()).toEqual(Object.keys(EXAMPLES).sort());
    for (const e of added) {
      expect(e.sources.length).toBeGreaterThan(0);
      expect(e.evidence).not.toBe('predictive'); // none of these was tested against adverts of known outcome
    }
  });

  describe.each(Object.entries(EXAMPLES))('%s', (id, { yes, no }) => {
    it.each(yes)('flags "%s"', (text) => expect(entriesFired(text)).toContain(id));
    it.each(no)('does not flag "%s"', (text) => expect(entriesFired(text)).not.toContain(id));
  });

  it('a small set of such adverts: most get a flag from this group', () => {
    const adverts = [
      'Sweet Jade, call and ask for her manager',
      'New girls every week, 150 roses',
      '💰 first, she does anything you want',
      'Ella está disponible, llama y pregunta por Luna',
      '3 girls available, driver will bring her',
      'little english, very obedient',
    ];
    for (const ad of adverts)
      expect(
        matcher.flag(ad).some((f) => NEW_CODES.includes(f.code)),
        ad,
      ).toBe(true);
  });

  it('reports one flag per indicator per advert', () => {
    const flags = matcher.flag('young young fresh 🌹🌹🌹 200 roses, 300 roses, call and ask for Mia, text and ask for Lola');
    const codes = flags.map((f) => f.code);
    expect(codes).toEqual([...new Set(codes)]);
    expect(codes).toEqual(['youth-language', 'price-emoji', 'payment-code-word', 'third-party-language']);
    expect(flags[0]!.matched).toBe('young');
  });
});
