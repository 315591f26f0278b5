import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Lang } from '../core/deployment.ts';
import type { SafeHtml } from '../core/html.ts';
import { parseFrontMatter } from './front-matter.ts';
import { markdownToHtml } from './markdown.ts';

export const TRAINING_PATHS = ['education', 'health_care', 'child_welfare', 'law_enforcement'] as const;
export type TrainingPath = (typeof TRAINING_PATHS)[number];

export interface Source {
  title: string;
  url: string;
}

export interface CourseModule {
  /** From the file name without its order prefix: 01-what-it-is.md → what-it-is. */
  slug: string;
  title: string;
  summary: string;
  minutes: number;
  sources: Source[];
  body: SafeHtml;
}

const text = z.string().trim().min(1);
const answer = z.object({ id: z.string().regex(/^[a-z]$/), text, why: text });
const scenarioSchema = z.object({
  title: text,
  situation: text,
  question: text,
  choices: z.array(answer.extend({ good: z.boolean() })).min(2),
});
const questionSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  prompt: text,
  choices: z
    .array(answer.extend({ correct: z.boolean() }))
    .min(2)
    .refine((cs) => cs.filter((c) => c.correct).length === 1, 'exactly one choice must be correct'),
});
const quizSchema = z
  .object({ passMark: z.number().int().min(1), draw: z.number().int().min(1), questions: z.array(questionSchema) })
  .refine((q) => q.passMark <= q.draw && q.draw <= q.questions.length, 'passMark ≤ draw ≤ the number of questions')
  .refine((q) => new Set(q.questions.map((x) => x.id)).size === q.questions.length, 'question ids must be unique');
const pathNames = z.object(Object.fromEntries(TRAINING_PATHS.map((p) => [p, text])) as Record<TrainingPath, typeof text>);
const courseSchema = z.object({ title: text, summary: text, paths: pathNames });
const scenariosSchema = z.object(
  Object.fromEntries(TRAINING_PATHS.map((p) => [p, scenarioSchema])) as Record<TrainingPath, typeof scenarioSchema>,
);

export type Scenario = z.infer<typeof scenarioSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Quiz = z.infer<typeof quizSchema>;

/** One course in one language: its modules in order, a case for each path, and the quiz pool. */
export interface Course {
  slug: string;
  lang: Lang;
  title: string;
  summary: string;
  paths: Record<TrainingPath, string>;
  modules: CourseModule[];
  scenarios: Record<TrainingPath, Scenario>;
  quiz: Quiz;
}

const CONTENT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'content');

function json<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return parsed.data;
}

function sourceOf(line: string, file: string): Source {
  const [title, url] = line.split(' | ').map((s) => s.trim());
  if (!title || !url || !/^https:\/\//.test(url)) throw new Error(`${file}: a source must read "Title | https://…"`);
  return { title, url };
}

export function moduleOf(file: string, markdown: string): CourseModule {
  const { meta, body } = parseFrontMatter(markdown, file);
  const field = (key: string): string => {
    const value = meta[key];
    if (typeof value !== 'string') throw new Error(`${file}: front matter needs "${key}"`);
    return value;
  };
  const sources = meta.sources;
  if (!Array.isArray(sources) || sources.length === 0) throw new Error(`${file}: front matter needs a list of sources`);
  const minutes = Number(field('minutes'));
  if (!Number.isInteger(minutes) || minutes < 1) throw new Error(`${file}: minutes must be a whole number`);
  return {
    slug: path.basename(file, '.md').replace(/^\d+-/, ''),
    title: field('title'),
    summary: field('summary'),
    minutes,
    sources: sources.map((s) => sourceOf(s, file)),
    body: markdownToHtml(body),
  };
}

function loadCourse(slug: string, lang: Lang): Course {
  const dir = path.join(CONTENT, slug, lang);
  const modules = readdirSync(dir)
    .filter((f) => /^\d+-[a-z0-9-]+\.md$/.test(f))
    .sort()
    .map((f) => moduleOf(path.join(dir, f), readFileSync(path.join(dir, f), 'utf8')));
  return {
    slug,
    lang,
    ...json(path.join(dir, 'course.json'), courseSchema),
    modules,
    scenarios: json(path.join(dir, 'scenarios.json'), scenariosSchema),
    quiz: json(path.join(dir, 'quiz.json'), quizSchema),
  };
}

/** Every course in both languages, read once at start-up: a broken file stops the server, not a learner. */
export function loadCourses(): Map<string, Record<Lang, Course>> {
  const courses = new Map<string, Record<Lang, Course>>();
  for (const slug of readdirSync(CONTENT).sort()) {
    courses.set(slug, { en: loadCourse(slug, 'en'), es: loadCourse(slug, 'es') });
  }
  return courses;
}
