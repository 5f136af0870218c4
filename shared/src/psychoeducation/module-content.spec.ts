import {
  MODULE_LIMITS,
  ModuleContentError,
  markdownToPlainText,
  moduleText,
  moduleWordCount,
  readingMinutes,
  validateModuleContent,
  type ModuleContent,
} from './module-content.js';

/**
 * A small valid module: 12 words of prose plus `bodyWords` words in its one section body (its
 * next-steps list is empty).
 */
function sample(bodyWords = 1): ModuleContent {
  const module: ModuleContent = {
    slug: 'sample-module',
    version: 1,
    title: 'Hello there',
    summary: 'A short summary.',
    readingMinutes: 1,
    signTags: ['general'],
    sections: [{ heading: 'Part one', body: 'word '.repeat(bodyWords).trim() }],
    exercise: { title: 'Try', intro: 'Do this.', steps: ['Step.'] },
    reflectionPrompts: [{ id: 'why', text: 'Why?' }],
    nextSteps: [],
    furtherReading: [{ author: 'A. Writer', title: 'A Book' }],
  };
  module.readingMinutes = readingMinutes(module);
  return module;
}

// Broken modules are built by poking at plain JSON, so the tests reach into it without types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

/** A deep copy of a valid module with three sections, broken by `edit`. */
function broken(edit: (m: Loose) => void): unknown {
  const m = structuredClone(sample()) as unknown as Loose;
  m['sections'] = [
    { heading: 'One', body: 'First part.' },
    { heading: 'Two', body: 'Second part.' },
    { heading: 'Three', body: 'Third part.' },
  ];
  m['readingMinutes'] = 1;
  edit(m);
  return m;
}

function errorOf(input: unknown): ModuleContentError {
  try {
    validateModuleContent(input);
  } catch (e) {
    if (e instanceof ModuleContentError) return e;
    throw e;
  }
  throw new Error('expected validateModuleContent to throw');
}

describe('validateModuleContent', () => {
  it('accepts a valid module and returns an equal copy', () => {
    const m = sample();
    const out = validateModuleContent(m);
    expect(out).toEqual(m);
    expect(out).not.toBe(m);
  });

  it('computes the reading time from the text, whatever was given', () => {
    const long = sample(450);
    expect(validateModuleContent({ ...long, readingMinutes: 1 }).readingMinutes).toBe(3);
    const { readingMinutes: _given, ...withoutMinutes } = long;
    expect(validateModuleContent(withoutMinutes).readingMinutes).toBe(3);
  });

  it('trims text and drops fields it does not know', () => {
    const m = { ...sample(), title: '  Hello there  ', extra: 'ignored' };
    const out = validateModuleContent(m);
    expect(out.title).toBe('Hello there');
    expect(out).not.toHaveProperty('extra');
  });

  it('keeps an optional further-reading note and allows an empty further-reading list', () => {
    const withNote = sample();
    withNote.furtherReading = [{ author: 'A. Writer', title: 'A Book', note: ' Worth a look. ' }];
    expect(validateModuleContent(withNote).furtherReading[0]?.note).toBe('Worth a look.');
    expect(validateModuleContent({ ...sample(), furtherReading: [] }).furtherReading).toEqual([]);
  });

  it('keeps up to three next steps, trimmed, and reads a module without them as having none', () => {
    const m = { ...sample(), nextSteps: [' Read the next module. ', 'Talk it over.'] };
    expect(validateModuleContent(m).nextSteps).toEqual(['Read the next module.', 'Talk it over.']);
    const { nextSteps: _none, ...older } = sample();
    expect(validateModuleContent(older).nextSteps).toEqual([]);
    expect(validateModuleContent({ ...sample(), nextSteps: null }).nextSteps).toEqual([]);
  });

  it('throws a ModuleContentError that names the field', () => {
    const e = errorOf(broken((m) => (m['sections'][2].heading = '')));
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ModuleContentError');
    expect(e.field).toBe('sections[2].heading');
    expect(e.message).toBe('sections[2].heading is empty');
  });

  const long = (n: number) => 'a'.repeat(n);

  it.each<[string, (m: Loose) => void, string, RegExp]>([
    ['slug missing', (m) => delete m['slug'], 'slug', /slug is missing/],
    ['slug with spaces and capitals', (m) => (m['slug'] = 'Not A Slug'), 'slug', /kebab-case/],
    ['slug with a double hyphen', (m) => (m['slug'] = 'two--hyphens'), 'slug', /kebab-case/],
    ['slug too long', (m) => (m['slug'] = long(81)), 'slug', /limit is 80/],
    ['version zero', (m) => (m['version'] = 0), 'version', /whole number/],
    ['version not whole', (m) => (m['version'] = 1.5), 'version', /whole number/],
    ['version as text', (m) => (m['version'] = '1'), 'version', /whole number/],
    ['title blank', (m) => (m['title'] = '   '), 'title', /title is empty/],
    ['title not text', (m) => (m['title'] = 42), 'title', /must be text/],
    [
      'title too long',
      (m) => (m['title'] = long(121)),
      'title',
      /121 characters long; the limit is 120/,
    ],
    ['title on two lines', (m) => (m['title'] = 'One\nTwo'), 'title', /single line/],
    ['summary too long', (m) => (m['summary'] = long(401)), 'summary', /limit is 400/],
    [
      'summary with a control character',
      (m) => (m['summary'] = 'Hi\u0007 there.'),
      'summary',
      /control character/,
    ],
    ['no sign tags', (m) => (m['signTags'] = []), 'signTags', /at least one tag/],
    [
      'unknown sign tag',
      (m) => (m['signTags'] = ['perfectionist']),
      'signTags[0]',
      /not a known tag/,
    ],
    [
      'sign tag twice',
      (m) => (m['signTags'] = ['closeness', 'closeness']),
      'signTags[1]',
      /listed twice/,
    ],
    ['sign tags not a list', (m) => (m['signTags'] = 'general'), 'signTags', /must be a list/],
    ['no sections', (m) => (m['sections'] = []), 'sections', /at least one section/],
    [
      'too many sections',
      (m) => (m['sections'] = Array.from({ length: 13 }, () => ({ heading: 'H', body: 'B.' }))),
      'sections',
      /13 sections; the limit is 12/,
    ],
    [
      'section not an object',
      (m) => (m['sections'][1] = 'text'),
      'sections[1]',
      /must be an object/,
    ],
    ['section body missing', (m) => delete m['sections'][0].body, 'sections[0].body', /is missing/],
    [
      'section body too long',
      (m) => (m['sections'][1].body = long(4001)),
      'sections[1].body',
      /limit is 4000/,
    ],
    [
      'section body with HTML',
      (m) => (m['sections'][0].body = 'A <b>bold</b> word.'),
      'sections[0].body',
      /HTML/,
    ],
    [
      'section body with a script tag',
      (m) => (m['sections'][2].body = '<script>x</script>'),
      'sections[2].body',
      /HTML/,
    ],
    [
      'section body with a Markdown link',
      (m) => (m['sections'][0].body = 'See [this](https://x.org).'),
      'sections[0].body',
      /link/,
    ],
    [
      'section body with an image',
      (m) => (m['sections'][0].body = '![pic](a.png)'),
      'sections[0].body',
      /link/,
    ],
    [
      'section body with an autolink',
      (m) => (m['sections'][0].body = 'Go to <https://x.org>.'),
      'sections[0].body',
      /link/,
    ],
    // Ways round a pattern check: judged on the parsed Markdown, they are all HTML or links.
    [
      'an img tag without a space',
      (m) => (m['sections'][0].body = 'Look <img/src=x onerror=alert(1)> here.'),
      'sections[0].body',
      /HTML/,
    ],
    [
      'an svg tag with an event handler',
      (m) => (m['sections'][1].body = '<svg/onload=alert(1)>'),
      'sections[1].body',
      /HTML/,
    ],
    [
      'an HTML comment',
      (m) => (m['sections'][1].body = 'Hidden <!-- note --> text.'),
      'sections[1].body',
      /HTML/,
    ],
    [
      'an HTML block',
      (m) => (m['sections'][1].body = '<div onclick="x()">\nhi\n</div>'),
      'sections[1].body',
      /HTML/,
    ],
    [
      'HTML inside a list item',
      (m) => (m['sections'][0].body = '- one\n- two <b>bold</b>'),
      'sections[0].body',
      /HTML/,
    ],
    [
      'a reference-style javascript: link',
      (m) => (m['sections'][0].body = 'Press [here][go].\n\n[go]: javascript:alert(1)'),
      'sections[0].body',
      /link/,
    ],
    [
      'a link definition alone',
      (m) => (m['sections'][2].body = 'Text.\n\n[go]: https://x.org'),
      'sections[2].body',
      /link/,
    ],
    [
      'a javascript: autolink',
      (m) => (m['sections'][0].body = 'Go <javascript:alert(1)>.'),
      'sections[0].body',
      /link/,
    ],
    [
      'a mail autolink in brackets',
      (m) => (m['sections'][0].body = 'Write to <help@example.org>.'),
      'sections[0].body',
      /link/,
    ],
    [
      'a link inside bold text',
      (m) => (m['sections'][0].body = '**See [this](https://x.org)**'),
      'sections[0].body',
      /link/,
    ],
    [
      'an image in a heading field',
      (m) => (m['sections'][0].heading = '![x](https://tracker.example/p.png)'),
      'sections[0].heading',
      /link/,
    ],
    [
      'a link in a table cell',
      (m) => (m['sections'][0].body = '| a | b |\n| - | - |\n| [x](https://x.org) | y |'),
      'sections[0].body',
      /link/,
    ],
    [
      'heading too long',
      (m) => (m['sections'][0].heading = long(121)),
      'sections[0].heading',
      /limit is 120/,
    ],
    ['exercise missing', (m) => delete m['exercise'], 'exercise', /exercise is missing/],
    ['exercise intro empty', (m) => (m['exercise'].intro = ''), 'exercise.intro', /is empty/],
    ['no steps', (m) => (m['exercise'].steps = []), 'exercise.steps', /at least one step/],
    [
      'nine steps',
      (m) => (m['exercise'].steps = Array(9).fill('Do it.')),
      'exercise.steps',
      /9 steps; the limit is 8/,
    ],
    [
      'step not text',
      (m) => (m['exercise'].steps = ['Fine.', 7]),
      'exercise.steps[1]',
      /must be text/,
    ],
    [
      'no prompts',
      (m) => (m['reflectionPrompts'] = []),
      'reflectionPrompts',
      /at least one prompt/,
    ],
    [
      'four prompts',
      (m) => (m['reflectionPrompts'] = ['a', 'b', 'c', 'd'].map((id) => ({ id, text: 'Why?' }))),
      'reflectionPrompts',
      /4 prompts; the limit is 3/,
    ],
    [
      'duplicate prompt ids',
      (m) =>
        (m['reflectionPrompts'] = [
          { id: 'why', text: 'Why?' },
          { id: 'why', text: 'How?' },
        ]),
      'reflectionPrompts[1].id',
      /already used/,
    ],
    [
      'prompt id not kebab-case',
      (m) => (m['reflectionPrompts'][0].id = 'Why_Now'),
      'reflectionPrompts[0].id',
      /kebab-case/,
    ],
    [
      'prompt text empty',
      (m) => (m['reflectionPrompts'][0].text = ' '),
      'reflectionPrompts[0].text',
      /is empty/,
    ],
    [
      'four next steps',
      (m) => (m['nextSteps'] = ['a', 'b', 'c', 'd']),
      'nextSteps',
      /4 next steps; the limit is 3/,
    ],
    ['next steps not a list', (m) => (m['nextSteps'] = 'Go on.'), 'nextSteps', /must be a list/],
    ['next step empty', (m) => (m['nextSteps'] = ['Fine.', ' ']), 'nextSteps[1]', /is empty/],
    ['next step too long', (m) => (m['nextSteps'] = [long(301)]), 'nextSteps[0]', /limit is 300/],
    [
      'next step with a link',
      (m) => (m['nextSteps'] = ['See [more](https://x.org).']),
      'nextSteps[0]',
      /link/,
    ],
    [
      'further reading not a list',
      (m) => (m['furtherReading'] = {}),
      'furtherReading',
      /must be a list/,
    ],
    [
      'further reading author empty',
      (m) => (m['furtherReading'][0].author = ''),
      'furtherReading[0].author',
      /is empty/,
    ],
    [
      'further reading note not text',
      (m) => (m['furtherReading'][0].note = 5),
      'furtherReading[0].note',
      /must be text/,
    ],
    [
      'reading minutes zero',
      (m) => (m['readingMinutes'] = 0),
      'readingMinutes',
      /whole number of 1 or more/,
    ],
    [
      'reading minutes as text',
      (m) => (m['readingMinutes'] = '3'),
      'readingMinutes',
      /whole number of 1 or more/,
    ],
  ])('rejects %s', (_case, edit, field, message) => {
    const e = errorOf(broken(edit));
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
    expect(e.message.startsWith(field)).toBe(true);
  });

  it.each([null, undefined, 'module', 3, []])('rejects %p as a module', (input) => {
    expect(errorOf(input).field).toBe('module');
  });

  it.each([
    'Visit www.example.org or https://example.org/help for more.',
    'Write to help@example.org.',
    'A heart <3 and x < y and 2<3 are fine.',
    'Typing `<b>` shows the tag as code.',
    'An escaped \\<b> stays text.',
    '- **bold** and _soft_\n- 1. steps',
  ])('allows plain Markdown and addresses written as text: %p', (body) => {
    const m = sample();
    m.sections[0]!.body = body;
    expect(validateModuleContent(m).sections[0]!.body).toBe(body);
  });

  it('allows the limits exactly', () => {
    const m = broken((x) => {
      x['title'] = 'T'.repeat(MODULE_LIMITS.titleMax);
      x['summary'] = 'S'.repeat(MODULE_LIMITS.summaryMax);
      x['sections'] = Array.from({ length: MODULE_LIMITS.sectionsMax }, () => ({
        heading: 'H',
        body: 'B.',
      }));
      x['exercise'].steps = Array(MODULE_LIMITS.stepsMax).fill('Do it.');
      x['reflectionPrompts'] = ['a', 'b', 'c'].map((id) => ({ id, text: 'Why?' }));
      x['nextSteps'] = Array(MODULE_LIMITS.nextStepsMax).fill(
        'N'.repeat(MODULE_LIMITS.nextStepMax),
      );
    }) as ModuleContent;
    m.readingMinutes = readingMinutes(m);
    expect(() => validateModuleContent(m)).not.toThrow();
  });
});

describe('moduleText', () => {
  it('joins the reader-facing prose, one piece per line, without Markdown or citations', () => {
    const m = sample();
    m.nextSteps = ['Try one step.'];
    m.sections = [
      {
        heading: 'Part one',
        body: 'A **bold** and *soft* idea\nwrapped over two lines.\n\n- first item\n- second item\n\n1. numbered `code`',
      },
    ];
    expect(moduleText(m)).toBe(
      [
        'Hello there',
        'A short summary.',
        'Part one',
        'A bold and soft idea wrapped over two lines.',
        'first item',
        'second item',
        'numbered code',
        'Try',
        'Do this.',
        'Step.',
        'Why?',
        'Try one step.',
      ].join('\n'),
    );
    expect(moduleText(m)).not.toContain('A Book');
  });
});

describe('markdownToPlainText', () => {
  it('keeps words with underscores and asterisks used as plain characters', () => {
    expect(markdownToPlainText('a snake_case_name and 2 * 3')).toBe('a snake_case_name and 2 * 3');
  });

  it('drops headings markers and quote markers', () => {
    expect(markdownToPlainText('## Title\n> quoted line')).toBe('Title\nquoted line');
  });
});

describe('readingMinutes', () => {
  it.each([
    [1, 13, 1],
    [188, 200, 1],
    [189, 201, 2],
    [388, 400, 2],
    [389, 401, 3],
  ])('with %i body words (%i in all) takes %i minute(s)', (bodyWords, words, minutes) => {
    const m = sample(bodyWords);
    expect(moduleWordCount(m)).toBe(words);
    expect(readingMinutes(m)).toBe(minutes);
  });
});
