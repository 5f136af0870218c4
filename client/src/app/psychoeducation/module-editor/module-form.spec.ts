import { MODULE_LIMITS } from '@attune/shared';
import {
  applyModuleFieldErrors,
  controlForField,
  fieldLabel,
  fieldMessage,
  fillModuleForm,
  formPath,
  moduleDraft,
  moduleForm,
  newPromptId,
  nextStepControl,
  sectionForm,
} from './module-form';

describe('module form', () => {
  it('turns server field names into form paths', () => {
    expect(formPath('sections[2].heading')).toBe('sections.2.heading');
    expect(formPath('exercise.steps[0]')).toBe('exercise.steps.0');
    expect(formPath('title')).toBe('title');
  });

  it('finds the exact control a field names, or the nearest one above it', () => {
    const form = moduleForm();
    form.controls.sections.push(sectionForm());
    expect(controlForField(form, 'sections[1].body')).toBe(
      form.controls.sections.at(1).controls.body,
    );
    expect(controlForField(form, 'exercise.steps[0]')).toBe(
      form.controls.exercise.controls.steps.at(0),
    );
    expect(controlForField(form, 'signTags[1]')).toBe(form.controls.signTags);
    expect(controlForField(form, 'reflectionPrompts')).toBe(form.controls.reflectionPrompts);
    expect(controlForField(form, 'reflectionPrompts[0].id')).toBe(
      form.controls.reflectionPrompts.at(0).controls.id,
    );
    expect(controlForField(form, 'nothing.here')).toBeNull();
  });

  it("puts a server message on the control it names, in the form's own words", () => {
    const form = moduleForm();
    const hit = applyModuleFieldErrors(form, {
      'sections[0].body': 'sections[0].body contains HTML; use plain Markdown instead',
    });
    const body = form.controls.sections.at(0).controls.body;
    expect(hit).toEqual(['Part 1 text contains HTML; use plain Markdown instead.']);
    expect(body.errors?.['server']).toBe('Part 1 text contains HTML; use plain Markdown instead.');
    expect(body.touched).toBe(true);
  });

  it('names server fields the way the form labels them', () => {
    expect(fieldLabel('sections[2].heading')).toBe('Part 3 heading');
    expect(fieldLabel('exercise.steps[0]')).toBe('Step 1');
    expect(fieldLabel('reflectionPrompts[1].text')).toBe('Prompt 2');
    expect(fieldLabel('furtherReading[0].author')).toBe('Reading 1 author');
    expect(fieldLabel('signTags[3]')).toBe('Signs');
    expect(fieldLabel('nextSteps[2]')).toBe('Next step 3');
    expect(fieldLabel('nextSteps')).toBe('Next steps');
    expect(fieldLabel('reflectionPrompts')).toBe('Reflection prompts');
    expect(fieldMessage('title', 'title is empty')).toBe('Title is empty.');
    expect(fieldMessage('title', 'Something else')).toBe('Something else.');
  });

  it('fills from a saved module and gives back a trimmed draft with the same prompt ids', () => {
    const form = moduleForm();
    fillModuleForm(form, {
      slug: 'x-1',
      version: 3,
      title: 'Title',
      summary: 'Summary',
      readingMinutes: 1,
      signTags: ['fear-of-mistakes'],
      sections: [
        { heading: 'One', body: 'Body one' },
        { heading: 'Two', body: 'Body two' },
      ],
      exercise: { title: 'Try', intro: 'Intro', steps: ['a', 'b'] },
      reflectionPrompts: [{ id: 'what-you-noticed', text: 'What did you notice?' }],
      nextSteps: ['Talk it over. '],
      furtherReading: [{ author: 'A', title: 'B' }],
    });
    form.controls.title.setValue('  New title  ');
    const draft = moduleDraft(form);
    expect(draft.title).toBe('New title');
    expect(draft.sections).toHaveLength(2);
    expect(draft.exercise.steps).toEqual(['a', 'b']);
    expect(draft.reflectionPrompts).toEqual([
      { id: 'what-you-noticed', text: 'What did you notice?' },
    ]);
    expect(draft.nextSteps).toEqual(['Talk it over.']);
    expect(draft.furtherReading).toEqual([{ author: 'A', title: 'B' }]);
    expect(form.valid).toBe(true);
  });

  it('starts with no next steps, and checks their length against the shared limit', () => {
    const form = moduleForm();
    expect(moduleDraft(form).nextSteps).toEqual([]);
    expect(form.controls.nextSteps.valid).toBe(true);
    form.controls.nextSteps.push(nextStepControl('x'.repeat(MODULE_LIMITS.nextStepMax + 1)));
    expect(form.controls.nextSteps.at(0).hasError('maxlength')).toBe(true);
    expect(controlForField(form, 'nextSteps[0]')).toBe(form.controls.nextSteps.at(0));
  });

  it('checks the shared limits before sending', () => {
    const form = moduleForm();
    form.controls.title.setValue('x'.repeat(MODULE_LIMITS.titleMax + 1));
    expect(form.controls.title.hasError('maxlength')).toBe(true);
    expect(form.controls.signTags.hasError('required')).toBe(true);
  });

  it('makes prompt ids that do not clash', () => {
    expect(newPromptId([])).toBe('prompt-1');
    expect(newPromptId(['prompt-1', 'prompt-2'])).toBe('prompt-3');
    expect(newPromptId(['what-you-noticed'])).toBe('prompt-1');
  });
});
