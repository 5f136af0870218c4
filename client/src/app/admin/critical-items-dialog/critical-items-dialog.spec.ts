import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { CriticalItemsSettings, InstrumentDetail } from '@attune/shared';
import { CriticalItemsDialog } from './critical-items-dialog';

const options = ['Not at all', 'Some days', 'Most days'].map((display, i) => ({
  code: `o${i}`,
  display,
  weight: i,
}));

// A made-up instrument: two weighted questions and a calculated total that is never offered.
const detail = {
  id: 'i1',
  key: 'mood-check',
  version: 1,
  title: 'Mood check',
  description: '',
  validated: true,
  validationNote: 'Test',
  licence: 'Test',
  source: 'fhir',
  itemCount: 2,
  criticalItemsSource: 'definition',
  definition: {
    id: 'mood-check',
    key: 'mood-check',
    version: 1,
    title: 'Mood check',
    description: '',
    licence: 'Test',
    validated: true,
    validationNote: 'Test',
    sections: [
      {
        key: 'q',
        title: 'Mood check',
        intro: '',
        whyWeAsk: '',
        ungrouped: true,
        items: [
          { linkId: 'sleep', text: 'Trouble sleeping?', type: 'choice', options },
          { linkId: 'low', text: 'Feeling low?', type: 'choice', options },
          { linkId: 'total', text: 'Total', type: 'decimal', readOnly: true },
        ],
      },
    ],
    scales: [],
    criticalItems: [],
  },
} as unknown as InstrumentDetail;

const settings: CriticalItemsSettings = {
  instrumentId: 'i1',
  source: 'definition',
  version: 0,
  updatedAt: null,
  updatedBy: null,
  items: [
    {
      linkId: 'low',
      condition: { operator: '>', value: 0 },
      severity: 'urgent',
      message: 'Feeling low: check in today.',
      declinedCountsAsPositive: true,
    },
  ],
};

describe('CriticalItemsDialog', () => {
  let fixture: ComponentFixture<CriticalItemsDialog>;
  let loader: HarnessLoader;
  let http: HttpTestingController;
  let close: ReturnType<typeof vi.fn>;

  beforeEach(async () => {
    close = vi.fn();
    TestBed.configureTestingModule({
      imports: [CriticalItemsDialog],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: { instrumentId: 'i1', title: 'Mood check' } },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CriticalItemsDialog);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    http.expectOne('/api/instruments/i1').flush(detail);
    http.expectOne('/api/instruments/i1/critical-items').flush(settings);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('shows the critical answers a condition stands for, and sends them as codes', async () => {
    const boxes = await loader.getAllHarnesses(MatCheckboxHarness);
    const state = await Promise.all(
      boxes.map(async (b) => [await b.getLabelText(), await b.isChecked()]),
    );
    expect(state).toEqual([
      ['Not at all', false],
      ['Some days', true],
      ['Most days', true],
    ]);
    await boxes[1]!.uncheck();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save critical items' }))).click();
    const put = http.expectOne('/api/instruments/i1/critical-items');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      version: 0,
      items: [
        {
          linkId: 'low',
          answerCodes: ['o2'],
          level: 'urgent',
          message: 'Feeling low: check in today.',
        },
      ],
    });
    const saved = { ...settings, source: 'practice' as const, version: 1 };
    put.flush(saved);
    await fixture.whenStable();
    expect(close).toHaveBeenCalledWith(saved);
  });

  it('never sends a critical question without an answer ticked', async () => {
    for (const box of await loader.getAllHarnesses(MatCheckboxHarness)) await box.uncheck();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save critical items' }))).click();
    http.expectNone('/api/instruments/i1/critical-items');
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(
      'Each critical question needs at least one answer and a message.',
    );
  });

  it('offers only questions with answers (never the calculated total) to add', () => {
    const component = fixture.componentInstance as unknown as {
      available(): { linkId: string }[];
    };
    expect(component.available().map((q) => q.linkId)).toEqual(['sleep']);
  });
});
