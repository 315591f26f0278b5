import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCourses, moduleOf } from './course.content.ts';
import { parseFrontMatter } from './front-matter.ts';
import { markdownToHtml } from './markdown.ts';
import { drawQuestions, gradeQuiz } from './quiz.ts';

const courses = loadCourses();

describe('course content', () => {
  it('has every course in English and Spanish with the same modules, cases and quiz pool', () => {
    expect(courses.size).toBeGreaterThan(0);
    for (const { en, es } of courses.values()) {
      expect(es.modules.map((m) => m.slug)).toEqual(en.modules.map((m) => m.slug));
      expect(es.quiz.questions.map((q) => q.id)).toEqual(en.quiz.questions.map((q) => q.id));
      expect([es.quiz.passMark, es.quiz.draw]).toEqual([en.quiz.passMark, en.quiz.draw]);
      for (const path of Object.keys(en.scenarios) as (keyof typeof en.scenarios)[]) {
        expect(es.scenarios[path].choices.map((c) => [c.id, c.good])).toEqual(
          en.scenarios[path].choices.map((c) => [c.id, c.good]),
        );
      }
    }
  });

  it('cites at least one public source in every module and explains every answer', () => {
    for (const course of [...courses.values()].flatMap((c) => [c.en, c.es])) {
      for (const m of course.modules) expect(m.sources.length, m.slug).toBeGreaterThan(0);
      for (const q of course.quiz.questions) for (const c of q.choices) expect(c.why.length, q.id).toBeGreaterThan(10);
    }
  });

  it('names the file and the field when front matter is wrong', () => {
    expect(() => parseFrontMatter('# no fences', 'x.md')).toThrow(/x\.md: front matter missing/);
    expect(() => moduleOf('m.md', '---\ntitle: T\nsummary: S\nminutes: 5\n---\nbody')).toThrow(/m\.md: .*sources/);
    expect(() => moduleOf('m.md', '---\ntitle: T\nsummary: S\nminutes: 5\nsources:\n  - no url\n---\n')).toThrow(
      /Title \| https/,
    );
  });
});

describe('markdown', () => {
  it('shows raw HTML as text and disarms links that are not http(s) or on the site', () => {
    const out = markdownToHtml(
      '<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](https://example.org) [z](/report)',
    ).value;
    expect(out).not.toContain('<script');
    expect(out).not.toContain('javascript:');
    expect(out).toContain('href="https://example.org"');
    expect(out).toContain('href="/report"');
  });
});

describe('quiz', () => {
  const quiz = courses.values().next().value!.en.quiz;
  const random = fc.double({ min: 0, max: 0.999999, noNaN: true });

  it('draws `draw` distinct questions of the pool', () => {
    fc.assert(
      fc.property(fc.array(random, { minLength: 20, maxLength: 20 }), (values) => {
        let i = 0;
        const drawn = drawQuestions(quiz, () => values[i++ % values.length]!);
        expect(drawn).toHaveLength(quiz.draw);
        expect(new Set(drawn.map((q) => q.id)).size).toBe(quiz.draw);
      }),
    );
  });

  it('scores the right answers and passes exactly at the pass mark', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: quiz.draw, maxLength: quiz.draw }), (rights) => {
        const drawn = quiz.questions.slice(0, quiz.draw);
        const answers = Object.fromEntries(
          drawn.map((q, i) => [q.id, q.choices.find((c) => c.correct === rights[i])?.id ?? 'z']),
        );
        const grading = gradeQuiz(
          quiz,
          drawn.map((q) => q.id),
          answers,
        );
        const score = rights.filter(Boolean).length;
        expect(grading).toMatchObject({ kind: 'graded', result: { score, passed: score >= quiz.passMark } });
      }),
    );
  });

  it('refuses question lists it did not give out', () => {
    const ids = quiz.questions.map((q) => q.id);
    expect(gradeQuiz(quiz, ids.slice(0, quiz.draw - 1), {})).toEqual({ kind: 'invalid', field: 'questions' });
    expect(gradeQuiz(quiz, Array(quiz.draw).fill(ids[0]), {})).toEqual({ kind: 'invalid', field: 'questions' });
    expect(gradeQuiz(quiz, [...ids.slice(0, quiz.draw - 1), 'nope'], {})).toEqual({ kind: 'invalid', field: 'questions' });
  });
});
