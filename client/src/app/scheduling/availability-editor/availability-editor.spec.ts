import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FormArray } from '@angular/forms';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { provideRouter } from '@angular/router';
import type { AvailabilityView } from '@attune/shared';
import { AuthStore } from '../../core/auth-store';
import { meFixture } from '../../core/testing';
import { AvailabilityEditor } from './availability-editor';
import {
  applyRuleErrors,
  friendlyRuleMessage,
  parseRuleField,
  RangeGroup,
  rangeGroup,
  rulesFromRanges,
} from './availability-form';

const view: AvailabilityView = {
  therapistId: 'member-1',
  timeZone: 'America/New_York',
  rules: [
    { weekday: 1, start: '09:00', end: '12:00', validFrom: null, validUntil: null },
    { weekday: 1, start: '11:00', end: '17:00', validFrom: null, validUntil: null },
    { weekday: 2, start: '09:00', end: '24:00', validFrom: '2026-03-02', validUntil: null },
  ],
  timeOff: [],
};

describe('availability form', () => {
  it('reads rules[i], rules[i].field and rules.i.field', () => {
    expect(parseRuleField('rules[1]')).toEqual({ index: 1, control: null });
    expect(parseRuleField('rules[0].end')).toEqual({ index: 0, control: 'end' });
    expect(parseRuleField('rules.12.validUntil')).toEqual({ index: 12, control: 'validUntil' });
    expect(parseRuleField('timeZone')).toBeNull();
  });

  it('words server messages for people', () => {
    expect(friendlyRuleMessage('rules[1] overlaps rules[0] on the same day')).toBe(
      'These hours overlap another range on the same day.',
    );
    expect(friendlyRuleMessage('rules[0].end must be after its start')).toBe(
      'The end must be after the start.',
    );
    expect(friendlyRuleMessage('rules.2.weekday: weekday must be 1 (Monday) to 7 (Sunday)')).toBe(
      'Weekday must be 1 (Monday) to 7 (Sunday)',
    );
  });

  it('sends rules in form order, with midnight as 24:00', () => {
    const ranges = new FormArray<RangeGroup>(view.rules.map((r) => rangeGroup(r)));
    expect(rulesFromRanges(ranges)).toEqual(view.rules);
  });

  it('puts each error on its own range and names the day', () => {
    const ranges = new FormArray<RangeGroup>(view.rules.map((r) => rangeGroup(r)));
    const result = applyRuleErrors(ranges, {
      'rules[1]': 'rules[1] overlaps rules[0] on the same day',
      'rules[2].end': 'rules[2].end must be after its start',
      'rules[7].start': 'rules[7].start must be HH:mm',
    });
    expect(ranges.at(0).errors).toBeNull();
    expect(ranges.at(1).getError('server')).toBe(
      'These hours overlap another range on the same day.',
    );
    expect(ranges.at(2).controls.end.getError('server')).toBe('The end must be after the start.');
    expect(ranges.at(2).controls.start.errors).toBeNull();
    expect(result.messages).toEqual([
      'Monday: These hours overlap another range on the same day.',
      'Tuesday: The end must be after the start.',
    ]);
    expect(result.unmatched).toEqual(['rules[7].start']);
  });
});

describe('AvailabilityEditor', () => {
  let fixture: ComponentFixture<AvailabilityEditor>;
  let loader: HarnessLoader;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [AvailabilityEditor],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(AuthStore).setMe(meFixture(['therapist']));
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AvailabilityEditor);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    http.expectOne('/api/therapists/member-1/availability').flush(view);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const root = () => fixture.nativeElement as HTMLElement;
  const day = (n: number) => root().querySelectorAll<HTMLFieldSetElement>('fieldset.weekday')[n]!;

  async function saveAndFail(fields: Record<string, string>, message: string) {
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save hours' }))).click();
    const req = http.expectOne('/api/therapists/member-1/availability');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ timeZone: 'America/New_York', rules: view.rules });
    req.flush(
      { statusCode: 400, error: 'Bad Request', message, fields },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
  }

  it('groups the saved ranges by weekday', () => {
    expect(day(0).querySelector('legend')?.textContent).toBe('Monday');
    expect(day(0).querySelectorAll('.range').length).toBe(2);
    expect(day(1).querySelectorAll('.range').length).toBe(1);
    expect(day(2).textContent).toContain('Not working');
  });

  it('shows an overlap on the range the server named (rules[1] is Monday’s second range)', async () => {
    await saveAndFail(
      { 'rules[1]': 'rules[1] overlaps rules[0] on the same day' },
      'rules[1] overlaps rules[0] on the same day',
    );
    const mondayRanges = day(0).querySelectorAll('.range');
    expect(mondayRanges[0]!.querySelector('.range-error')).toBeNull();
    expect(mondayRanges[1]!.querySelector('.range-error')?.textContent).toContain(
      'These hours overlap another range on the same day.',
    );
    expect(root().querySelector('[role="alert"]')?.textContent).toContain(
      'Please check the hours. Monday: These hours overlap another range on the same day.',
    );
  });

  it('shows a field error on that range’s own field (rules[2].end is Tuesday’s end)', async () => {
    await saveAndFail(
      { 'rules[2].end': 'rules[2].end must be after its start' },
      'rules[2].end must be after its start',
    );
    const tuesdayEnd = await loader.getHarness(
      MatFormFieldHarness.with({
        floatingLabelText: 'End',
        ancestor: 'fieldset.weekday:nth-of-type(2)',
      }),
    );
    expect(await tuesdayEnd.getTextErrors()).toEqual(['The end must be after the start.']);
    const mondayEnds = await loader.getAllHarnesses(
      MatFormFieldHarness.with({
        floatingLabelText: 'End',
        ancestor: 'fieldset.weekday:nth-of-type(1)',
      }),
    );
    for (const field of mondayEnds) expect(await field.getTextErrors()).toEqual([]);
  });
});
