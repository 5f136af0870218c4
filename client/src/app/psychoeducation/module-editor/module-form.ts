import {
  AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import {
  ModuleContent,
  ModuleDraft,
  MODULE_LIMITS,
  ReflectionPrompt,
  SignTag,
} from '@attune/shared';

const L = MODULE_LIMITS;

export type SectionForm = FormGroup<{ heading: FormControl<string>; body: FormControl<string> }>;
export type PromptForm = FormGroup<{ id: FormControl<string>; text: FormControl<string> }>;
export type ReadingForm = FormGroup<{
  author: FormControl<string>;
  title: FormControl<string>;
  note: FormControl<string>;
}>;
export type ModuleForm = FormGroup<{
  title: FormControl<string>;
  summary: FormControl<string>;
  signTags: FormControl<SignTag[]>;
  sections: FormArray<SectionForm>;
  exercise: FormGroup<{
    title: FormControl<string>;
    intro: FormControl<string>;
    steps: FormArray<FormControl<string>>;
  }>;
  reflectionPrompts: FormArray<PromptForm>;
  nextSteps: FormArray<FormControl<string>>;
  furtherReading: FormArray<ReadingForm>;
}>;

function text(value = '', ...validators: ((c: AbstractControl) => ValidationErrors | null)[]) {
  return new FormControl(value, { nonNullable: true, validators });
}

function notEmptyList(control: AbstractControl<unknown[]>): ValidationErrors | null {
  return control.value?.length ? null : { required: true };
}

export function sectionForm(value = { heading: '', body: '' }): SectionForm {
  return new FormGroup({
    heading: text(value.heading, Validators.required, Validators.maxLength(L.headingMax)),
    body: text(value.body, Validators.required, Validators.maxLength(L.sectionBodyMax)),
  });
}

export function stepControl(value = ''): FormControl<string> {
  return text(value, Validators.required, Validators.maxLength(L.stepMax));
}

export function nextStepControl(value = ''): FormControl<string> {
  return text(value, Validators.required, Validators.maxLength(L.nextStepMax));
}

export function promptForm(value: ReflectionPrompt): PromptForm {
  return new FormGroup({
    id: text(value.id),
    text: text(value.text, Validators.required, Validators.maxLength(L.promptTextMax)),
  });
}

export function readingForm(value = { author: '', title: '', note: '' }): ReadingForm {
  return new FormGroup({
    author: text(value.author, Validators.required, Validators.maxLength(L.authorMax)),
    title: text(value.title, Validators.required, Validators.maxLength(L.readingTitleMax)),
    note: text(value.note, Validators.maxLength(L.noteMax)),
  });
}

/** A fresh form: one empty part, one empty step, one prompt, no next steps. */
export function moduleForm(): ModuleForm {
  return new FormGroup({
    title: text('', Validators.required, Validators.maxLength(L.titleMax)),
    summary: text('', Validators.required, Validators.maxLength(L.summaryMax)),
    signTags: new FormControl<SignTag[]>([], { nonNullable: true, validators: notEmptyList }),
    sections: new FormArray([sectionForm()]),
    exercise: new FormGroup({
      title: text('', Validators.required, Validators.maxLength(L.exerciseTitleMax)),
      intro: text('', Validators.required, Validators.maxLength(L.exerciseIntroMax)),
      steps: new FormArray([stepControl()]),
    }),
    reflectionPrompts: new FormArray([promptForm({ id: 'prompt-1', text: '' })]),
    nextSteps: new FormArray<FormControl<string>>([]),
    furtherReading: new FormArray<ReadingForm>([]),
  });
}

/** Fills the form with a saved module (rebuilding the lists to its length). */
export function fillModuleForm(form: ModuleForm, content: ModuleContent): void {
  const c = form.controls;
  c.sections.clear({ emitEvent: false });
  content.sections.forEach((s) => c.sections.push(sectionForm(s), { emitEvent: false }));
  c.exercise.controls.steps.clear({ emitEvent: false });
  content.exercise.steps.forEach((s) =>
    c.exercise.controls.steps.push(stepControl(s), { emitEvent: false }),
  );
  c.reflectionPrompts.clear({ emitEvent: false });
  content.reflectionPrompts.forEach((p) =>
    c.reflectionPrompts.push(promptForm(p), { emitEvent: false }),
  );
  c.nextSteps.clear({ emitEvent: false });
  content.nextSteps.forEach((s) => c.nextSteps.push(nextStepControl(s), { emitEvent: false }));
  c.furtherReading.clear({ emitEvent: false });
  content.furtherReading.forEach((r) =>
    c.furtherReading.push(readingForm({ ...r, note: r.note ?? '' }), { emitEvent: false }),
  );
  form.reset({
    title: content.title,
    summary: content.summary,
    signTags: [...content.signTags],
    sections: content.sections,
    exercise: content.exercise,
    reflectionPrompts: content.reflectionPrompts,
    nextSteps: content.nextSteps,
    furtherReading: content.furtherReading.map((r) => ({ ...r, note: r.note ?? '' })),
  });
}

/** A prompt id (kebab-case) not used by the others, so existing reflections keep their prompt. */
export function newPromptId(taken: readonly string[]): string {
  let n = 1;
  while (taken.includes(`prompt-${n}`)) n++;
  return `prompt-${n}`;
}

/** The draft the server takes: text trimmed, the optional note left out when empty. */
export function moduleDraft(form: ModuleForm): ModuleDraft {
  const v = form.getRawValue();
  return {
    title: v.title.trim(),
    summary: v.summary.trim(),
    signTags: v.signTags,
    sections: v.sections.map((s) => ({ heading: s.heading.trim(), body: s.body.trim() })),
    exercise: {
      title: v.exercise.title.trim(),
      intro: v.exercise.intro.trim(),
      steps: v.exercise.steps.map((s) => s.trim()),
    },
    reflectionPrompts: v.reflectionPrompts.map((p) => ({ id: p.id, text: p.text.trim() })),
    nextSteps: v.nextSteps.map((s) => s.trim()),
    furtherReading: v.furtherReading.map((r) => {
      const note = r.note.trim();
      return { author: r.author.trim(), title: r.title.trim(), ...(note ? { note } : {}) };
    }),
  };
}

/** `sections[2].heading` → `sections.2.heading` (the form's own path syntax). */
export function formPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

/**
 * The control a server field name points at: the exact one (`sections[2].heading`), or the
 * nearest one above it that exists (`signTags[1]` → the tag picker, `reflectionPrompts[0].id` →
 * that prompt's group).
 */
export function controlForField(form: AbstractControl, field: string): AbstractControl | null {
  const parts = formPath(field).split('.');
  while (parts.length) {
    const control = form.get(parts.join('.'));
    if (control) return control;
    parts.pop();
  }
  return null;
}

const TOP_LABELS: Record<string, string> = {
  title: 'Title',
  summary: 'Summary',
  signTags: 'Signs',
  sections: 'Parts',
  exercise: 'Exercise',
  'exercise.title': 'Exercise title',
  'exercise.intro': 'Exercise introduction',
  'exercise.steps': 'Steps',
  reflectionPrompts: 'Reflection prompts',
  nextSteps: 'Next steps',
  furtherReading: 'Further reading',
};

/** The form's own words for a server field name: `sections[2].body` → "Part 3 text". */
export function fieldLabel(field: string): string {
  const n = (i: string) => Number(i) + 1;
  let m = /^sections\[(\d+)\]\.(heading|body)$/.exec(field);
  if (m?.[1]) return `Part ${n(m[1])} ${m[2] === 'heading' ? 'heading' : 'text'}`;
  m = /^exercise\.steps\[(\d+)\]$/.exec(field);
  if (m?.[1]) return `Step ${n(m[1])}`;
  m = /^nextSteps\[(\d+)\]$/.exec(field);
  if (m?.[1]) return `Next step ${n(m[1])}`;
  m = /^reflectionPrompts\[(\d+)\]/.exec(field);
  if (m?.[1]) return `Prompt ${n(m[1])}`;
  m = /^furtherReading\[(\d+)\]\.?(author|title|note)?$/.exec(field);
  if (m?.[1]) return `Reading ${n(m[1])}${m[2] ? ` ${m[2]}` : ''}`;
  m = /^signTags\[\d+\]$/.exec(field);
  if (m) return 'Signs';
  return TOP_LABELS[field] ?? field;
}

/** The server's message with the field name swapped for its label in the form. */
export function fieldMessage(field: string, message: string): string {
  const text = message.startsWith(`${field} `)
    ? `${fieldLabel(field)}${message.slice(field.length)}`
    : message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * Puts the server's field messages on the matching controls (as a `server` error, in the form's
 * own words) and returns the messages that found a control, so the page can say what to fix.
 */
export function applyModuleFieldErrors(
  form: ModuleForm,
  fields: Record<string, string> | undefined,
): string[] {
  const hit: string[] = [];
  for (const [field, message] of Object.entries(fields ?? {})) {
    const control = controlForField(form, field);
    if (!control) continue;
    const text = fieldMessage(field, message);
    control.setErrors({ ...(control.errors ?? {}), server: text });
    control.markAsTouched();
    hit.push(text);
  }
  return hit;
}
